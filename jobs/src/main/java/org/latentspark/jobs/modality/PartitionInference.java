package org.latentspark.jobs.modality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The loop every modality runs its model in on the executors: the model is read once per partition, then the
 * partition's rows go through it batch by batch, and what each batch gives is handed on before the next batch is
 * read, so that no partition's output is ever held whole in memory.
 */
public final class PartitionInference {
    private PartitionInference() {
    }

    /** Sets up what the batches use (an inference wrapper) from the network, once per partition. */
    @FunctionalInterface
    public interface ModelSetup<M> extends Serializable {
        M apply(ComputationGraph network);
    }

    /** What one batch of input rows gives, in order. */
    @FunctionalInterface
    public interface BatchFunction<M, T> extends Serializable {
        List<T> apply(M model, List<Row> batch);
    }

    /** The partition function: {@code perBatch} over consecutive batches of {@code batchSize} rows, the last shorter. */
    public static <M, T> FlatMapFunction<Iterator<Row>, T> map(Broadcast<byte[]> model, int batchSize,
                                                               ModelSetup<M> setup, BatchFunction<M, T> perBatch) {
        return rows -> stream(rows, batchSize, setup.apply(ModelCodec.fromBytes(model.value())), perBatch);
    }

    /** The outputs of {@code perBatch}, reading a batch of {@code rows} only when the previous batch's are used up. */
    static <M, T> Iterator<T> stream(Iterator<Row> rows, int batchSize, M model, BatchFunction<M, T> perBatch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        return new Iterator<>() {
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    current = perBatch.apply(model, batch).iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
