package org.latentspark.datasets.sharding;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.schema.ImageSchema;

/** Reads image shards back, schema-checked. */
public final class ImageShards {
    private ImageShards() {
    }

    public static Dataset<Row> read(SparkSession spark, String datasetDir) {
        return Shards.read(spark, datasetDir, ImageSchema.SHARD, "image");
    }
}
