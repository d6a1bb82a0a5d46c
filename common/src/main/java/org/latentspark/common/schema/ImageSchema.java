package org.latentspark.common.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of image records as readers produce them, and of image shards as written to Parquet.
 * Pixels are unsigned bytes in row-major height × width × channels order.
 */
public final class ImageSchema {
    public static final String ID = "id";
    public static final String SPLIT = "split";
    public static final String HEIGHT = "height";
    public static final String WIDTH = "width";
    public static final String CHANNELS = "channels";
    public static final String PIXELS = "pixels";
    public static final String LABEL = "label";
    public static final String FACTORS = "factors";

    /** What a reader yields: one row per image, no split yet. label and factors may be null. */
    public static final StructType RECORD = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(HEIGHT, DataTypes.IntegerType, false)
            .add(WIDTH, DataTypes.IntegerType, false)
            .add(CHANNELS, DataTypes.IntegerType, false)
            .add(PIXELS, DataTypes.BinaryType, false)
            .add(LABEL, DataTypes.IntegerType, true)
            .add(FACTORS, DataTypes.createArrayType(DataTypes.FloatType, false), true);

    /** What a shard holds: the record plus its split (train, validation or test). */
    public static final StructType SHARD = RECORD.add(SPLIT, DataTypes.StringType, false);

    private ImageSchema() {
    }
}
