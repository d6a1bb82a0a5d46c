package org.latentspark.datasets.input;

import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;

/** The column checks of the Parquet sources: errors that name the input, the column and what it should be. */
public final class ParquetColumns {
    private ParquetColumns() {
    }

    /** The column {@code name} of {@code schema}, or an error listing the columns there are. */
    public static StructField field(StructType schema, String name, String path) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new UserInputException("column '" + name + "' not found in Parquet input " + path
                    + "; its columns are " + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(name);
    }

    public static UserInputException wrongType(String column, StructField field, String expected, String path) {
        return new UserInputException("column '" + column + "' of Parquet input " + path + " has type "
                + field.dataType().simpleString() + ", expected " + expected);
    }

    /** Quotes a column name so that dots and spaces in it are taken literally. */
    public static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
