package org.latentspark.datasets.sharding;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Assigns train / validation / test by a seeded hash of each example's id: an example keeps its split however the
 * data is partitioned, re-read or re-sharded, and adding examples never moves existing ones.
 */
public final class Splits {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final List<String> ALL = List.of(TRAIN, VALIDATION, TEST);
    private static final long BUCKETS = 1_000_000L;

    private Splits() {
    }

    public static Column assign(Column id, long seed, double validationFraction, double testFraction) {
        Column u = pmod(xxhash64(lit(seed), id), lit(BUCKETS)).divide((double) BUCKETS);
        return when(u.lt(testFraction), TEST)
                .when(u.lt(testFraction + validationFraction), VALIDATION)
                .otherwise(TRAIN);
    }
}
