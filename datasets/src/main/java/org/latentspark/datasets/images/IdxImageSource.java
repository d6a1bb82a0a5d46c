package org.latentspark.datasets.images;

import java.util.Arrays;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;

/**
 * Images (and optionally labels) from a pair of IDX files, as MNIST and Fashion-MNIST ship them. The files
 * are parsed on the driver (they are small: Fashion-MNIST train is 47 MB) and broadcast; executors decode
 * index ranges from the broadcast, so no driver-side list of rows is built. Records are one-channel images,
 * label from the labels file (null without one), no factors; ids are {@code <idPrefix>-000123}, the
 * zero-based position in the file.
 */
public final class IdxImageSource implements ImageSource {
    // Small enough for quick tasks, large enough that MNIST-sized files make a handful of partitions.
    private static final int ROWS_PER_SLICE = 10_000;

    private final String imagesPath;
    private final String labelsPath;
    private final String idPrefix;

    /**
     * @param imagesPath an IDX images file (type 0x08, 3 dimensions), raw or gzip, any Hadoop URI
     * @param labelsPath the matching IDX labels file (type 0x08, 1 dimension), or null for unlabelled images
     * @param idPrefix   the part of each id before the position, e.g. {@code fashion-train}
     */
    public IdxImageSource(String imagesPath, String labelsPath, String idPrefix) {
        this.imagesPath = Objects.requireNonNull(imagesPath, "imagesPath");
        this.labelsPath = labelsPath;
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        IdxReader.IdxData images = IdxReader.read(imagesPath, conf, 3);
        IdxReader.IdxData labels = labelsPath == null ? null : IdxReader.read(labelsPath, conf, 1);
        if (labels != null && labels.count() != images.count()) {
            throw new UserInputException("IDX files disagree on the number of items: " + imagesPath + " has "
                    + images.count() + " images, " + labelsPath + " has " + labels.count() + " labels");
        }
        int[] dims = images.dims();
        int count = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> pixels = jsc.broadcast(images.data());
        Broadcast<byte[]> labelBytes = labels == null ? null : jsc.broadcast(labels.data());
        // A local, so that the task closure does not capture this source, which is not serializable.
        String prefix = idPrefix;
        int slices = Math.max(1, (count + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE);
        int imageBytes = rows * cols;
        // Broadcast.value() is a cached lookup after the first call in an executor, so calling it per row is cheap.
        MapFunction<Long, Row> decode = index -> {
            int i = index.intValue();
            byte[] image = Arrays.copyOfRange(pixels.value(), i * imageBytes, (i + 1) * imageBytes);
            Integer label = labelBytes == null ? null : labelBytes.value()[i] & 0xff;
            return RowFactory.create(String.format("%s-%06d", prefix, i), rows, cols, 1, image, label, null);
        };
        return spark.range(0, count, 1, slices).map(decode, Encoders.row(ImageSchema.RECORD));
    }
}
