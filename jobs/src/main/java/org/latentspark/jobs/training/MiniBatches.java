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
    public record Spec(BatchEncoder encoder, int batchSize, int epoch, double klWeight, int opThreads)
            implements java.io.Serializable {
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
        forEachBatch(rows, spec.batchSize(), batch -> out.add(spec.encoder().encode(batch, spec.epoch(),
                spec.klWeight())));
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
