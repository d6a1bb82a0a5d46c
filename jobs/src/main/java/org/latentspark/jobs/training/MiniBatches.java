package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Turns shard rows into one epoch's minibatches, through the model's {@link BatchEncoder}. */
public final class MiniBatches {
    private MiniBatches() {
    }

    /** One epoch's batching; small and serializable, it travels to the executors. */
    public record Spec(BatchEncoder encoder, int batchSize, long seed, int epoch, double klWeight, int opThreads)
            implements java.io.Serializable {
    }

    /**
     * The epoch's minibatches: each partition's rows in an order drawn from (seed, epoch, partition), so that every
     * epoch mixes other examples into each minibatch, reproducibly. Building them on an executor also sets that
     * JVM's ND4J op threads for training.
     */
    public static JavaRDD<MultiDataSet> of(Dataset<Row> shards, Spec spec) {
        return shards.toJavaRDD().mapPartitionsWithIndex((partition, rows) -> {
            Nd4j.getEnvironment().setMaxThreads(spec.opThreads());
            List<Row> shuffled = new ArrayList<>();
            rows.forEachRemaining(shuffled::add);
            java.util.Collections.shuffle(shuffled, new java.util.Random(
                    spec.seed() * 1_000_003L + spec.epoch() * 8_191L + partition));
            return batches(shuffled.iterator(), spec);
        }, false);
    }

    /**
     * A partition's minibatches of {@code batchSize} rows. A shorter last one is merged into the one before: a
     * minibatch of one example makes batch normalization's variance (ProdLDA) undefined and training NaN. A
     * partition of a single example contributes nothing to that epoch, for the same reason.
     */
    public static Iterator<MultiDataSet> batches(Iterator<Row> rows, Spec spec) {
        List<List<Row>> lists = new ArrayList<>();
        forEachBatch(rows, spec.batchSize(), lists::add);
        int last = lists.size() - 1;
        if (last > 0 && lists.get(last).size() < spec.batchSize()) {
            lists.get(last - 1).addAll(lists.remove(last));
        }
        List<MultiDataSet> out = new ArrayList<>();
        for (List<Row> batch : lists) {
            if (batch.size() > 1) {
                out.add(spec.encoder().encode(batch, spec.epoch(), spec.klWeight()));
            }
        }
        return out.iterator();
    }

    /** Hands consecutive rows to {@code action} in lists of {@code size} (the last may be shorter). */
    public static void forEachBatch(Iterator<Row> rows, int size, java.util.function.Consumer<List<Row>> action) {
        List<Row> pending = new ArrayList<>(size);
        while (rows.hasNext()) {
            pending.add(rows.next());
            if (pending.size() == size || !rows.hasNext()) {
                action.accept(pending);
                pending = new ArrayList<>(size);
            }
        }
    }
}
