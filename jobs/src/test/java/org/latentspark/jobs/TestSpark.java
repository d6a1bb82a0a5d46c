package org.latentspark.jobs;

import org.apache.spark.sql.SparkSession;

/** The in-process Spark session of the jobs module's unit tests: local[2], no UI. */
public final class TestSpark {
    private TestSpark() {
    }

    public static SparkSession start(String app) {
        return SparkSession.builder().master("local[2]").appName(app).config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }
}
