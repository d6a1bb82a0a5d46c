package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.model.ImageFeatures;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.schema.ImageSchema;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns image shard rows into the minibatches the VAE graph trains on: features x, noise ε for the epoch, and
 * labels [x, w] where w is the epoch's KL weight (see ElboLossLayer).
 */
public final class MiniBatches {
    private MiniBatches() {
    }

    /** Geometry and schedule of one epoch's batches; small and serializable, it travels to the executors. */
    public record Spec(int height, int width, int channels, int latentDim, int batchSize, long seed, int epoch,
                       double klWeight) implements java.io.Serializable {
        int features() {
            return height * width * channels;
        }
    }

    public static JavaRDD<org.nd4j.linalg.dataset.api.MultiDataSet> of(Dataset<Row> shards, Spec spec) {
        return shards.toJavaRDD().mapPartitions(rows -> batches(rows, spec));
    }

    static Iterator<org.nd4j.linalg.dataset.api.MultiDataSet> batches(Iterator<Row> rows, Spec spec) {
        List<org.nd4j.linalg.dataset.api.MultiDataSet> out = new ArrayList<>();
        List<Row> pending = new ArrayList<>(spec.batchSize());
        while (rows.hasNext()) {
            pending.add(rows.next());
            if (pending.size() == spec.batchSize()) {
                out.add(batch(pending, spec));
                pending.clear();
            }
        }
        if (!pending.isEmpty()) {
            out.add(batch(pending, spec));
        }
        return out.iterator();
    }

    public static org.nd4j.linalg.dataset.api.MultiDataSet batch(List<Row> rows, Spec spec) {
        int n = rows.size();
        int d = spec.features();
        int z = spec.latentDim();
        float[] x = new float[n * d];
        float[] eps = new float[n * z];
        float[] labels = new float[n * (d + 1)];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ImageFeatures.fill(row.getAs(ImageSchema.PIXELS), spec.height(), spec.width(), spec.channels(), x, i * d);
            NoiseSource.fill(spec.seed(), spec.epoch(), row.getAs(ImageSchema.ID), eps, i * z, z);
            System.arraycopy(x, i * d, labels, i * (d + 1), d);
            labels[i * (d + 1) + d] = (float) spec.klWeight();
        }
        return new MultiDataSet(
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(x, n, d), Nd4j.create(eps, n, z)},
                new org.nd4j.linalg.api.ndarray.INDArray[] {Nd4j.create(labels, n, d + 1)});
    }
}
