package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentspark.jobs.TestSpark;

/** {@link MiniBatches#shuffled}: each epoch's order is a pure function of (ids, seed, epoch). */
class EpochShuffleTest {
    private static SparkSession spark;
    /** 12 conditions of 20 trials, stored condition by condition as shards keep a source's order. */
    private static final List<String> IDS = IntStream.range(0, 240)
            .mapToObj(i -> String.format("c%02d-t%02d", i / 20, i % 20)).toList();

    @BeforeAll
    static void start() {
        spark = TestSpark.start("epoch-shuffle-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void anEpochIsAPermutationThatDoesNotDependOnTheInputsOrder() {
        List<List<String>> epoch = partitions(MiniBatches.shuffled(rows(IDS, 3), 42L, 5));
        assertEquals(3, epoch.size(), "the number of partitions is kept");
        List<String> all = epoch.stream().flatMap(List::stream).sorted().toList();
        assertEquals(IDS, all, "every row once");
        List<String> reversed = new ArrayList<>(IDS);
        Collections.reverse(reversed);
        assertEquals(epoch, partitions(MiniBatches.shuffled(rows(reversed, 3), 42L, 5)),
                "the same ids give the same epoch, whatever order they were read in (a resumed run)");
    }

    @Test
    void epochsAndSeedsDifferAndMinibatchesMixConditions() {
        List<List<String>> epoch5 = partitions(MiniBatches.shuffled(rows(IDS, 3), 42L, 5));
        assertNotEquals(epoch5, partitions(MiniBatches.shuffled(rows(IDS, 3), 42L, 6)));
        assertNotEquals(epoch5, partitions(MiniBatches.shuffled(rows(IDS, 3), 43L, 5)));
        for (List<String> partition : epoch5) {
            long conditions = partition.subList(0, 16).stream().map(id -> id.substring(0, 3)).distinct().count();
            assertTrue(conditions >= 5, "a minibatch of 16 spans several conditions: " + partition.subList(0, 16));
        }
    }

    private static Dataset<Row> rows(List<String> ids, int partitions) {
        return spark.createDataset(ids, Encoders.STRING()).toDF(MiniBatches.ID).repartition(partitions);
    }

    private static List<List<String>> partitions(Dataset<Row> rows) {
        return rows.javaRDD().map(r -> r.getString(0)).glom().collect();
    }
}
