package org.latentspark.datasets.sharding;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;

/** Reads image shards back, checking their schema before any work runs (as Spark ML's transformSchema does). */
public final class ImageShards {
    private ImageShards() {
    }

    public static Dataset<Row> read(SparkSession spark, String datasetDir) {
        Dataset<Row> shards = spark.read().parquet(datasetDir);
        requireSchema(shards.schema(), datasetDir);
        return shards.select(java.util.Arrays.stream(ImageSchema.SHARD.fieldNames())
                .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    static void requireSchema(StructType actual, String datasetDir) {
        for (StructField expected : ImageSchema.SHARD.fields()) {
            if (!java.util.Arrays.asList(actual.fieldNames()).contains(expected.name())) {
                throw new UserInputException("image shards at " + datasetDir + " lack column '" + expected.name()
                        + "' (" + expected.dataType().simpleString() + ")");
            }
            StructField field = actual.apply(expected.name());
            if (!field.dataType().sameType(expected.dataType())) {
                throw new UserInputException("image shards at " + datasetDir + ": column '" + expected.name()
                        + "' is " + field.dataType().simpleString() + ", expected " + expected.dataType().simpleString());
            }
        }
    }
}
