package org.latentspark.datasets.images;

import static org.apache.spark.sql.functions.col;
import static org.latentspark.datasets.input.ParquetColumns.field;
import static org.latentspark.datasets.input.ParquetColumns.quoted;
import static org.latentspark.datasets.input.ParquetColumns.wrongType;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;

/**
 * Images stored in a Parquet column, as many published datasets ship them: either encoded bytes (PNG, JPEG,
 * anything ImageIO decodes; the column may also be a struct with a {@code bytes} field, the Hugging Face
 * layout) or raw pixel bytes of one known shape (row-major, gray/RGB/RGBA). Images are converted to the target
 * shape by {@link ImageConverter}; undecodable ones follow the BadImagePolicy (FAIL by default).
 *
 * <p>Ids come from an id column, cast to string, which must be unique and non-null. Without one, the id is
 * {@code sha256-} and the first 32 hex digits of the SHA-256 of the image bytes: row positions are not
 * stable across reads, content hashes are. Identical images then share an id, which also keeps copies of an
 * image in the same split. Labels come from an optional integer column.
 *
 * <p>Columns and their types are checked against the Parquet schema in {@link #read}, before any image is read.
 */
public final class ImageParquetSource implements ImageSource {
    private final String path;
    private final String imageColumn;
    private final String idColumn;
    private final String labelColumn;
    private final ImageShape rawShape;
    private final ImageConverter converter;
    private final BadImagePolicy onBadImage;
    private BadImages badImages;

    private ImageParquetSource(Builder b) {
        this.path = b.path;
        this.imageColumn = b.imageColumn;
        this.idColumn = b.idColumn;
        this.labelColumn = b.labelColumn;
        this.rawShape = b.rawShape;
        this.converter = new ImageConverter(b.target);
        this.onBadImage = b.onBadImage;
    }

    /**
     * @param path   a Parquet file or folder, any Hadoop URI
     * @param target the shape of the records; channels 1 (grayscale) or 3 (RGB)
     */
    public static Builder builder(String path, ImageShape target) {
        return new Builder(path, target);
    }

    /** Options of an ImageParquetSource; every one has a default. */
    public static final class Builder {
        private final String path;
        private final ImageShape target;
        private String imageColumn = "image";
        private String idColumn;
        private String labelColumn;
        private ImageShape rawShape;
        private BadImagePolicy onBadImage = BadImagePolicy.FAIL;

        private Builder(String path, ImageShape target) {
            this.path = Objects.requireNonNull(path, "path");
            this.target = Objects.requireNonNull(target, "target");
        }

        /** The column of image bytes; default {@code image}. */
        public Builder imageColumn(String name) {
            this.imageColumn = Objects.requireNonNull(name, "imageColumn");
            return this;
        }

        /** The column of ids; default none, ids are content hashes. */
        public Builder idColumn(String name) {
            this.idColumn = name;
            return this;
        }

        /** The integer column of labels; default none, labels are null. */
        public Builder labelColumn(String name) {
            this.labelColumn = name;
            return this;
        }

        /** The image column holds raw pixels of this shape rather than encoded images (the default). */
        public Builder rawPixels(ImageShape shape) {
            this.rawShape = shape;
            return this;
        }

        /** What to do with undecodable images; default FAIL. */
        public Builder onBadImage(BadImagePolicy policy) {
            this.onBadImage = Objects.requireNonNull(policy, "onBadImage");
            return this;
        }

        public ImageParquetSource build() {
            return new ImageParquetSource(this);
        }
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        Dataset<Row> input = load(spark);
        StructType schema = input.schema();
        Column image = imageBytes(schema);
        Column id = concat(lit("sha256-"), substring(sha2(image, 256), 1, 32));
        if (idColumn != null) {
            if (!(field(schema, idColumn, path).dataType() instanceof AtomicType)) {
                throw wrongType(idColumn, field(schema, idColumn, path), "a string or number", path);
            }
            id = col(quoted(idColumn)).cast(DataTypes.StringType);
        }
        Column label = lit(null).cast(DataTypes.IntegerType);
        if (labelColumn != null) {
            DataType type = field(schema, labelColumn, path).dataType();
            if (!(type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
                    || type instanceof LongType)) {
                throw wrongType(labelColumn, field(schema, labelColumn, path), "an integer type", path);
            }
            label = col(quoted(labelColumn)).cast(DataTypes.IntegerType);
        }

        // Locals, so that the task closure does not capture this source, which is not serializable.
        ImageConverter converter = this.converter;
        ImageShape rawShape = this.rawShape;
        String path = this.path;
        String idName = idColumn;
        BadImages bad = new BadImages(spark, onBadImage, "bad images in " + path);
        badImages = bad;
        FlatMapFunction<Row, Row> convert = row -> {
            String recordId = row.getString(0);
            byte[] bytes = row.isNullAt(1) ? null : row.getAs(1);
            if (recordId == null && idName != null) {
                throw new UserInputException("a record of " + path + " has a null id in column '" + idName + "'");
            }
            byte[] pixels = rawShape == null ? converter.fromEncoded(bytes) : converter.fromRaw(bytes, rawShape);
            if (pixels == null) {
                // Without an id column, records with no bytes have no id either; they count as one.
                String name = recordId == null ? "(no image bytes, no id)" : recordId;
                String problem = bytes == null ? "has no image bytes"
                        : rawShape == null ? "is not a decodable image"
                        : "has " + bytes.length + " bytes, expected " + rawShape.pixelBytes() + " for " + rawShape;
                bad.handle(name, "record " + name + " of " + path + " " + problem);
                return Collections.emptyIterator();
            }
            Integer labelValue = row.isNullAt(2) ? null : row.getInt(2);
            return Collections.singletonList(converter.record(recordId, pixels, labelValue)).iterator();
        };
        return input.select(id, image, label).flatMap(convert, Encoders.row(ImageSchema.RECORD));
    }

    @Override
    public long skipped() {
        return badImages == null ? 0 : badImages.count();
    }

    private Dataset<Row> load(SparkSession spark) {
        Path p = new Path(path);
        try {
            if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
                throw new UserInputException("Parquet input not found: " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access Parquet input " + path, e);
        }
        try {
            return spark.read().parquet(path);
        } catch (Exception e) {
            // Spark reports an unreadable schema (no Parquet files, corrupt footers) as an AnalysisException
            // or a SparkException; both mean the input is not usable Parquet.
            throw new UserInputException("cannot read Parquet schema of " + path + ": " + e.getMessage(), e);
        }
    }

    /** The image bytes: the column itself, or its {@code bytes} field when it is a struct. */
    private Column imageBytes(StructType schema) {
        StructField field = field(schema, imageColumn, path);
        if (field.dataType() instanceof BinaryType) {
            return col(quoted(imageColumn));
        }
        if (field.dataType() instanceof StructType struct
                && Arrays.asList(struct.fieldNames()).contains("bytes")
                && struct.apply("bytes").dataType() instanceof BinaryType) {
            return col(quoted(imageColumn)).getField("bytes");
        }
        throw wrongType(imageColumn, field, "binary, or a struct with a binary field 'bytes'", path);
    }
}
