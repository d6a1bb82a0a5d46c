package org.latentspark.common.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The latents table of the contract, for image datasets. */
public final class LatentsSchema {
    public static final StructType IMAGE = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("z_mean", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("z_logvar", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("label", DataTypes.IntegerType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    private LatentsSchema() {
    }
}
