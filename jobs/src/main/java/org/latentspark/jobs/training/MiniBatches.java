package org.latentspark.jobs.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.jobs.spark.GpuBinding;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** Turns shard rows into one epoch's minibatches, through the model's {@link BatchEncoder}. */
public final class MiniBatches {
    private MiniBatches() {
    }

    /** One epoch's batching; small and serializable, it travels to the executors. */
    public record Spec(BatchEncoder encoder, int batchSize, int epoch, double klWeight, int opThreads)
            implements java.io.Serializable {
    }

    /** Column every modality's shards identify their examples by. */
    static final String ID = "id";

    /**
     * The rows in the order of one epoch: spread over the same number of partitions and sorted within each by a
     * hash of (id, seed, epoch), a pure function of those, so a resumed run sees what an uninterrupted one would.
     * Shards keep their source's order (trials condition by condition, for instance): minibatches of consecutive
     * rows would each hold one condition, and SGD would chase the latest condition instead of fitting them all.
     */
    public static Dataset<Row> shuffled(Dataset<Row> rows, long seed, int epoch) {
        String order = "epoch_order";
        int partitions = rows.javaRDD().getNumPartitions();
        return rows.withColumn(order, xxhash64(col(ID), lit(seed), lit(epoch)))
                .repartition(partitions, col(order))
                .sortWithinPartitions(order)
                .drop(order);
    }

    /** The epoch's minibatches; building them on an executor also sets that JVM's ND4J op threads for training. */
    public static JavaRDD<MultiDataSet> of(Dataset<Row> shards, Spec spec) {
        return shards.toJavaRDD().mapPartitions(rows -> {
            GpuBinding.bindCurrentTask();
            OpThreads.limit(spec.opThreads());
            return batches(rows, spec);
        });
    }

    /**
     * A partition's minibatches of {@code batchSize} rows, the last one shorter. A single row left over sits this
     * epoch out (the next epoch's shuffle leaves out another): a minibatch of one example makes batch
     * normalization's variance (ProdLDA) undefined and training NaN. No minibatch exceeds the batch size, which
     * parameter averaging's rounds rely on ({@link AveragingRounds}).
     */
    public static Iterator<MultiDataSet> batches(Iterator<Row> rows, Spec spec) {
        List<MultiDataSet> out = new ArrayList<>();
        forEachBatch(rows, spec.batchSize(), batch -> {
            if (batch.size() > 1 || spec.batchSize() == 1) {
                out.add(spec.encoder().encode(batch, spec.epoch(), spec.klWeight()));
            }
        });
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
