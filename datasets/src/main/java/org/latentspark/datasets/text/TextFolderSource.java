package org.latentspark.datasets.text;

import java.util.Objects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.schema.TextSchema;

/**
 * A folder of UTF-8 text files, one document per file, read recursively with Spark's {@code binaryFile} source
 * (names starting with {@code .} or {@code _} are skipped, as by every Spark file source). Ids are the files'
 * paths relative to the folder, with {@code /} separators ({@code news/0042.txt}). A file that is not valid UTF-8
 * is an error naming it and the line of the first bad byte.
 */
public final class TextFolderSource implements TextSource {
    private final String folder;
    private final String glob;

    /**
     * @param folder the folder, any Hadoop URI
     * @param glob   names of the files read, e.g. {@code *.txt}; {@code *} for all
     */
    public TextFolderSource(String folder, String glob) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.glob = Objects.requireNonNull(glob, "glob");
    }

    /** Reads every file of the folder. */
    public TextFolderSource(String folder) {
        this(folder, "*");
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        String root = InputFiles.root(spark, folder, "text folder");
        MapFunction<Row, Row> decode = row -> RowFactory.create(
                InputFiles.relativePath(row.getString(0), root), Utf8Text.decode(row.getAs(1), row.getString(0)));
        return InputFiles.load(spark, folder, glob, "text folder")
                .select(InputFiles.PATH, InputFiles.CONTENT)
                .map(decode, Encoders.row(TextSchema.DOCUMENT));
    }
}
