package org.latentspark.jobs.neural;

import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.common.model.FlatArrays;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * LFADS minibatches from trial rows: inputs [held-in counts [n, Nin, T], ε [n, g]]; labels the counts of every
 * unit (held-in, then held-out) over the observed and forward bins, flattened unit-major as SequentialVaeGraph
 * reads them, then the KL weight.
 */
public record NeuralBatchEncoder(TrialGeometry g, long seed) implements BatchEncoder {
    @Override
    public MultiDataSet encode(List<Row> rows, int epoch, double klWeight) {
        int n = rows.size();
        int steps = g.totalBins();
        int width = g.units() * steps;
        float[] labels = new float[n * (width + 1)];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            int base = i * (width + 1);
            fill(labels, base, r.getList(r.fieldIndex(NeuralSchema.HELDIN)), g.heldIn(), 0, 0, steps);
            fill(labels, base, r.getList(r.fieldIndex(NeuralSchema.HELDOUT)), g.heldOut(), g.heldIn(), 0, steps);
            if (g.forwardBins() > 0) {
                fill(labels, base, r.getList(r.fieldIndex(NeuralSchema.FORWARD_HELDIN)), g.heldIn(), 0, g.bins(),
                        steps);
                fill(labels, base, r.getList(r.fieldIndex(NeuralSchema.FORWARD_HELDOUT)), g.heldOut(), g.heldIn(),
                        g.bins(), steps);
            }
            labels[base + width] = (float) klWeight;
        }
        INDArray[] inputs = inputs(rows, epoch, false);
        return new org.nd4j.linalg.dataset.MultiDataSet(inputs,
                new INDArray[] {FlatArrays.of(labels, n, width + 1)});
    }

    /**
     * The graph's inputs: held-in counts [n, Nin, T] and the noise of {@code epoch}, or zero noise (the posterior
     * mean's trajectories) when {@code meanOnly}.
     */
    public INDArray[] inputs(List<Row> rows, int epoch, boolean meanOnly) {
        int n = rows.size();
        int z = g.latentDim();
        float[] x = new float[n * g.heldIn() * g.bins()];
        float[] eps = new float[n * z];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            List<Integer> heldIn = r.getList(r.fieldIndex(NeuralSchema.HELDIN));
            int base = i * g.heldIn() * g.bins();
            for (int t = 0; t < g.bins(); t++) {
                for (int u = 0; u < g.heldIn(); u++) {
                    x[base + u * g.bins() + t] = heldIn.get(t * g.heldIn() + u);
                }
            }
            if (!meanOnly) {
                NoiseSource.fill(seed, epoch, r.getAs(NeuralSchema.ID), eps, i * z, z);
            }
        }
        return new INDArray[] {FlatArrays.of(x, n, g.heldIn(), g.bins()),
                FlatArrays.of(eps, n, z)};
    }

    /** Copies a time-major bins × units block into the unit-major label row, at unit offset and bin offset. */
    private static void fill(float[] labels, int base, List<Integer> counts, int units, int unitOffset, int binOffset,
                             int steps) {
        int bins = counts.size() / Math.max(1, units);
        for (int t = 0; t < bins; t++) {
            for (int u = 0; u < units; u++) {
                labels[base + (unitOffset + u) * steps + binOffset + t] = counts.get(t * units + u);
            }
        }
    }
}
