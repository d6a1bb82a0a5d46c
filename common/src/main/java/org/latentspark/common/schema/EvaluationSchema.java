package org.latentspark.common.schema;

import java.io.Serializable;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The evaluation table of the contract: one row per (model, split, metric, dim, epoch). */
public final class EvaluationSchema {
    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("modality", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("dim", DataTypes.IntegerType, true)
            .add("epoch", DataTypes.IntegerType, true)
            .add("value", DataTypes.DoubleType, false);

    private EvaluationSchema() {
    }

    /** One metric value; dim and epoch may be null. Serializable so training history can be saved and reloaded. */
    public record Metric(String model, String split, String metric, Integer dim, Integer epoch, double value)
            implements Serializable {
        public Row toRow(String runId, String dataset, String modality) {
            return RowFactory.create(runId, dataset, modality, model, split, metric, dim, epoch, value);
        }
    }
}
