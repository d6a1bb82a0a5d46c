package org.latentspark.jobs.image;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.latentspark.common.metrics.ImportanceWeightedBound;
import org.latentspark.common.model.FlatArrays;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.jobs.inference.ScoresTable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An image model's rows of the scores table ({@link ScoresTable}): the ELBO's terms, KL per latent dimension, the
 * posterior mean, and (for selected examples) the importance-weighted bound.
 */
public final class ExampleScores {
    /** Noise stream of the importance samples, disjoint from training (≥ 0) and the ELBO evaluation (−1). */
    static final int IWAE_EPOCH = -2;
    static final int BATCH = 256;
    private static final int IWAE_BATCH = 8;

    private ExampleScores() {
    }

    /** What a partition needs; {@code iwaeColumn} names a boolean column selecting examples for the IWAE bound. */
    public record Spec(ImageBatch.Geometry geometry, long seed, int iwaeSamples, String iwaeColumn)
            implements java.io.Serializable {
    }

    /** The scores table's rows for one batch of image rows. */
    public static List<Row> score(VaeInference inference, List<Row> rows, Spec spec) {
        ImageBatch batch = ImageBatch.of(rows, spec.geometry(), spec.seed());
        VaeInference.Pass pass = inference.forward(batch.x(), batch.eps());
        INDArray kl = pass.kl();
        Double[] iwae = iwae(rows, batch.x(), inference, spec);
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(RowFactory.create(r.getAs(ImageSchema.SPLIT), r.getAs(ImageSchema.ID),
                    pass.nll().getDouble(i), kl.getDouble(i), pass.klPerDim().getRow(i).toDoubleVector(),
                    pass.zMean().getRow(i).toDoubleVector(), r.getAs(ImageSchema.FACTORS), iwae[i]));
        }
        return out;
    }

    private static Double[] iwae(List<Row> rows, INDArray x, VaeInference inference, Spec spec) {
        Double[] result = new Double[rows.size()];
        List<Integer> selected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).<Boolean>getAs(spec.iwaeColumn())) {
                selected.add(i);
            }
        }
        int k = spec.iwaeSamples();
        int z = spec.geometry().latentDim();
        for (int from = 0; from < selected.size(); from += IWAE_BATCH) {
            List<Integer> chunk = selected.subList(from, Math.min(selected.size(), from + IWAE_BATCH));
            float[] eps = new float[chunk.size() * k * z];
            INDArray xs = Nd4j.create(x.dataType(), chunk.size(), x.columns());
            for (int j = 0; j < chunk.size(); j++) {
                xs.putRow(j, x.getRow(chunk.get(j)));
                NoiseSource.fill(spec.seed(), IWAE_EPOCH, rows.get(chunk.get(j)).getAs(ImageSchema.ID),
                        eps, j * k * z, k * z);
            }
            INDArray logWeights = inference.logImportanceWeights(xs,
                    FlatArrays.of(eps, (long) chunk.size() * k, z), k);
            for (int j = 0; j < chunk.size(); j++) {
                result[chunk.get(j)] = ImportanceWeightedBound.negativeLogLikelihood(
                        logWeights.getRow(j).toDoubleVector());
            }
        }
        return result;
    }
}
