package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;
import static org.latentspark.datasets.input.ParquetColumns.field;
import static org.latentspark.datasets.input.ParquetColumns.quoted;
import static org.latentspark.datasets.input.ParquetColumns.wrongType;

import java.net.URI;
import java.util.Objects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;

/**
 * Documents in a string column of Parquet files (a file or a folder of them, as Spark reads it). Ids come from an
 * id column, cast to string, when one is named; otherwise they are the file's path relative to the folder (its
 * name, for a single file), a colon and the row's position in that file ({@code part-00000.parquet:42}), from
 * Spark's {@code _metadata.row_index}: positions are stable across reads, unlike a row number over the whole input,
 * and two equal texts still get different ids. Columns and their types are checked before any row is read; a null
 * text or id is an error naming the column and the record.
 */
public final class TextParquetSource implements TextSource {
    private final String path;
    private final String textColumn;
    private final String idColumn;

    /**
     * @param path       a Parquet file or folder, any Hadoop URI
     * @param textColumn the string column of texts
     * @param idColumn   the column of ids (a string or a number), or null for file:row ids
     */
    public TextParquetSource(String path, String textColumn, String idColumn) {
        this.path = Objects.requireNonNull(path, "path");
        this.textColumn = Objects.requireNonNull(textColumn, "textColumn");
        this.idColumn = idColumn;
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        String root = InputFiles.root(spark, path, "Parquet input");
        Dataset<Row> input;
        try {
            input = spark.read().parquet(path);
        } catch (Exception e) {
            // An unreadable schema (no Parquet files, corrupt footers) is an AnalysisException or a SparkException.
            throw new UserInputException("cannot read Parquet schema of " + path + ": " + e.getMessage(), e);
        }
        StructType schema = input.schema();
        if (!(field(schema, textColumn, path).dataType() instanceof StringType)) {
            throw wrongType(textColumn, field(schema, textColumn, path), "string", path);
        }
        Column id = col("_metadata.row_index").cast(DataTypes.StringType);
        if (idColumn != null) {
            if (!(field(schema, idColumn, path).dataType() instanceof AtomicType)) {
                throw wrongType(idColumn, field(schema, idColumn, path), "a string or a number", path);
            }
            id = col(quoted(idColumn)).cast(DataTypes.StringType);
        }
        // Locals, so that the task closure does not capture this source, which is not serializable.
        String path = this.path;
        String textName = textColumn;
        String idName = idColumn;
        MapFunction<Row, Row> document = row -> {
            String file = InputFiles.relativePath(URI.create(row.getString(0)), root);
            String recordId = idName == null ? file + ":" + row.getString(1) : row.getString(1);
            if (recordId == null) {
                throw new UserInputException("a record of " + path + " has a null id in column '" + idName + "'");
            }
            if (row.isNullAt(2)) {
                throw new UserInputException("record " + recordId + " of " + path + " has a null text in column '"
                        + textName + "'");
            }
            return RowFactory.create(recordId, row.getString(2));
        };
        return input.select(col("_metadata.file_path"), id, col(quoted(textColumn)))
                .map(document, Encoders.row(TextSchema.DOCUMENT));
    }
}
