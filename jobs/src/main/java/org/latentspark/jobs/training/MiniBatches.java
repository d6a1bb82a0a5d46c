package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.jobs.inference.ImageBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns image shard rows into the minibatches the VAE graph trains on: features x, noise ε for the epoch, and
 * labels [x, w] where w is the epoch's KL weight (see ElboLossLayer).
 */
public final class MiniBatches {
    private MiniBatches() {
    }

    /** One epoch's batching; small and serializable, it travels to the executors. */
    public record Spec(ImageBatch.Geometry geometry, int batchSize, long seed, int epoch, double klWeight,
                       int opThreads) implements java.io.Serializable {
    }

    /** The epoch's minibatches; building them on an executor also sets that JVM's ND4J op threads for training. */
    public static JavaRDD<MultiDataSet> of(Dataset<Row> shards, Spec spec) {
        return shards.toJavaRDD().mapPartitions(rows -> {
            Nd4j.getEnvironment().setMaxThreads(spec.opThreads());
            return batches(rows, spec);
        });
    }

    public static Iterator<MultiDataSet> batches(Iterator<Row> rows, Spec spec) {
        List<MultiDataSet> out = new ArrayList<>();
        ImageBatch.forEachBatch(rows, spec.batchSize(), batch -> out.add(batch(batch, spec)));
        return out.iterator();
    }

    static MultiDataSet batch(List<Row> rows, Spec spec) {
        ImageBatch b = ImageBatch.of(rows, spec.geometry(), spec.seed(), spec.epoch());
        INDArray labels = Nd4j.hstack(b.x(), Nd4j.valueArrayOf(new long[] {rows.size(), 1}, spec.klWeight(),
                b.x().dataType()));
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {b.x(), b.eps()}, new INDArray[] {labels});
    }
}
