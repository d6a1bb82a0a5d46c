package org.latentspark.jobs.modality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class PartitionInferenceTest {
    /** Rows 0..n-1, counting how many were read. */
    private static final class Rows implements Iterator<Row> {
        private final int n;
        int read;

        Rows(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return read < n;
        }

        @Override
        public Row next() {
            return RowFactory.create(read++);
        }
    }

    @Test
    void batchesAreConsecutiveRowsTheLastShorterAndOutputsKeepTheirOrder() {
        List<List<Integer>> batches = new ArrayList<>();
        Iterator<String> out = PartitionInference.stream(new Rows(7), 3, "m", (model, batch) -> {
            List<Integer> ids = batch.stream().map(r -> r.getInt(0)).toList();
            batches.add(ids);
            // Two outputs per row, as the neural latents give one per time bin.
            return ids.stream().flatMap(i -> List.of(model + i + "a", model + i + "b").stream()).toList();
        });
        List<String> all = new ArrayList<>();
        out.forEachRemaining(all::add);
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), batches);
        assertEquals(IntStream.range(0, 7).boxed().flatMap(i -> List.of("m" + i + "a", "m" + i + "b").stream())
                .toList(), all);
        assertThrows(NoSuchElementException.class, out::next);
    }

    @Test
    void aBatchIsReadOnlyWhenThePreviousOnesOutputsAreUsedUp() {
        Rows rows = new Rows(10);
        Iterator<Integer> out = PartitionInference.stream(rows, 4, null,
                (model, batch) -> batch.stream().map(r -> r.getInt(0)).toList());
        assertEquals(0, rows.read, "nothing read before the first output is asked for");
        assertEquals(0, out.next());
        assertEquals(4, rows.read);
        out.next();
        out.next();
        out.next();
        assertEquals(4, rows.read, "the second batch waits until the first's outputs are used up");
        assertEquals(4, out.next());
        assertEquals(8, rows.read);
    }

    @Test
    void batchesWithoutOutputsAreSkippedAndAnEmptyPartitionGivesNothing() {
        Iterator<Integer> some = PartitionInference.stream(new Rows(5), 2, null,
                (model, batch) -> batch.get(0).getInt(0) == 2 ? List.of(2) : List.of());
        assertEquals(2, some.next());
        assertFalse(some.hasNext());
        assertFalse(PartitionInference.stream(new Rows(0), 2, null, (model, batch) -> List.of(1)).hasNext());
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PartitionInference.stream(new Rows(1), 0, null, (model, batch) -> List.of()));
    }
}
