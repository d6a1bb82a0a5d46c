package org.latentspark.datasets.sharding;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;

/** Reads shards back, checking their schema before any work runs (as Spark ML's transformSchema does). */
public final class Shards {
    private Shards() {
    }

    /**
     * @param schema the shard schema of the modality (e.g. ImageSchema.SHARD)
     * @param kind   what the shards hold, for messages ("image", "neural", "text")
     * @return the shards with exactly the schema's columns, in its order
     */
    public static Dataset<Row> read(SparkSession spark, String datasetDir, StructType schema, String kind) {
        Dataset<Row> shards = spark.read().parquet(datasetDir);
        requireSchema(shards.schema(), schema, datasetDir, kind);
        return shards.select(Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    static void requireSchema(StructType actual, StructType expectedSchema, String datasetDir, String kind) {
        for (StructField expected : expectedSchema.fields()) {
            if (!Arrays.asList(actual.fieldNames()).contains(expected.name())) {
                throw new UserInputException(kind + " shards at " + datasetDir + " lack column '" + expected.name()
                        + "' (" + expected.dataType().simpleString() + ")");
            }
            StructField field = actual.apply(expected.name());
            if (!field.dataType().sameType(expected.dataType())) {
                throw new UserInputException(kind + " shards at " + datasetDir + ": column '" + expected.name()
                        + "' is " + field.dataType().simpleString() + ", expected "
                        + expected.dataType().simpleString());
            }
        }
    }
}
