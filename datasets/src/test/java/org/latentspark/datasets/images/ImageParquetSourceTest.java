package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class ImageParquetSourceTest {
    private static final ImageShape RGB_4X6 = new ImageShape(4, 6, 3);
    private static final byte[] GARBAGE = "not an image".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** Rows name, png, cls: two PNGs and one record of garbage. */
    private String encodedParquet() {
        StructType schema = new StructType()
                .add("name", DataTypes.StringType)
                .add("png", DataTypes.BinaryType)
                .add("cls", DataTypes.LongType);
        List<Row> rows = List.of(
                RowFactory.create("first", TestImages.png(TestImages.rgb(6, 4, 1)), 3L),
                RowFactory.create("second", TestImages.png(TestImages.rgb(6, 4, 2)), 4L),
                RowFactory.create("broken", GARBAGE, 5L));
        String path = dir.resolve("encoded.parquet").toString();
        SharedSpark.spark().createDataFrame(rows, schema).write().parquet(path);
        return path;
    }

    @Test
    void readsEncodedImagesWithIdsAndLabels() {
        ImageParquetSource source = ImageParquetSource.builder(encodedParquet(), RGB_4X6)
                .imageColumn("png").idColumn("name").labelColumn("cls").onBadImage(BadImagePolicy.SKIP).build();

        Map<String, Row> rows = read(source);

        assertEquals(List.of("first", "second"), rows.keySet().stream().sorted().toList());
        assertEquals(1, source.skipped());
        Row second = rows.get("second");
        assertEquals(List.of(4, 6, 3), List.of(second.getInt(1), second.getInt(2), second.getInt(3)));
        assertArrayEquals(TestImages.rgbPixels(6, 4, 2), (byte[]) second.get(4));
        assertEquals(4, second.getInt(5));
        assertTrue(second.isNullAt(6));
    }

    @Test
    void failsOnBadImagesByDefaultNamingTheRecord() {
        String path = encodedParquet();
        ImageParquetSource source = ImageParquetSource.builder(path, RGB_4X6)
                .imageColumn("png").idColumn("name").build();

        UserInputException e = TestImages.userError(() -> source.read(SharedSpark.spark()).collectAsList());

        assertEquals("record broken of " + path + " is not a decodable image", e.getMessage());
    }

    @Test
    void idsWithoutIdColumnAreContentHashes() throws Exception {
        ImageParquetSource source = ImageParquetSource.builder(encodedParquet(), new ImageShape(2, 3, 1))
                .imageColumn("png").onBadImage(BadImagePolicy.SKIP).build();

        Map<String, Row> rows = read(source);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(TestImages.png(TestImages.rgb(6, 4, 1)));
        String expected = "sha256-" + HexFormat.of().formatHex(digest).substring(0, 32);
        assertTrue(rows.containsKey(expected), rows.keySet().toString());
        assertEquals(2, rows.size());
        assertTrue(rows.get(expected).isNullAt(5), "no label column, no labels");
        assertEquals(6, ((byte[]) rows.get(expected).get(4)).length);
    }

    @Test
    void readsRawPixels() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("pixels", DataTypes.BinaryType);
        List<Row> rows = List.of(
                RowFactory.create(1, TestImages.rgbPixels(6, 4, 7)),
                RowFactory.create(2, new byte[5]));
        String path = dir.resolve("raw.parquet").toString();
        SharedSpark.spark().createDataFrame(rows, schema).write().parquet(path);
        ImageParquetSource source = ImageParquetSource.builder(path, RGB_4X6).imageColumn("pixels").idColumn("id")
                .rawPixels(RGB_4X6).onBadImage(BadImagePolicy.SKIP).build();

        Map<String, Row> read = read(source);

        assertEquals(List.of("1"), List.copyOf(read.keySet()));
        assertArrayEquals(TestImages.rgbPixels(6, 4, 7), (byte[]) read.get("1").get(4));
        assertEquals(1, source.skipped());
    }

    @Test
    void readsTheHuggingFaceImageStruct() {
        StructType image = new StructType().add("bytes", DataTypes.BinaryType).add("path", DataTypes.StringType);
        StructType schema = new StructType().add("image", image).add("label", DataTypes.IntegerType);
        List<Row> rows = List.of(RowFactory.create(RowFactory.create(TestImages.png(TestImages.rgb(6, 4, 3)), "a.png"), 8));
        String path = dir.resolve("hf.parquet").toString();
        SharedSpark.spark().createDataFrame(rows, schema).write().parquet(path);

        List<Row> read = ImageParquetSource.builder(path, RGB_4X6).labelColumn("label").build()
                .read(SharedSpark.spark()).collectAsList();

        assertEquals(1, read.size());
        assertArrayEquals(TestImages.rgbPixels(6, 4, 3), (byte[]) read.get(0).get(4));
        assertEquals(8, read.get(0).getInt(5));
        assertTrue(read.get(0).getString(0).startsWith("sha256-"));
    }

    @Test
    void missingColumnsAreNamedBeforeAnyWork() {
        String path = encodedParquet();

        UserInputException image = TestImages.userError(
                () -> ImageParquetSource.builder(path, RGB_4X6).build().read(SharedSpark.spark()));
        UserInputException label = TestImages.userError(() -> ImageParquetSource.builder(path, RGB_4X6)
                .imageColumn("png").labelColumn("class").build().read(SharedSpark.spark()));

        assertTrue(image.getMessage().startsWith("column 'image' not found in Parquet input " + path), image.getMessage());
        assertTrue(label.getMessage().startsWith("column 'class' not found in Parquet input " + path), label.getMessage());
    }

    @Test
    void columnsOfTheWrongTypeAreNamed() {
        String path = encodedParquet();

        UserInputException e = TestImages.userError(() -> ImageParquetSource.builder(path, RGB_4X6)
                .imageColumn("png").labelColumn("name").build().read(SharedSpark.spark()));

        assertEquals("column 'name' of Parquet input " + path + " has type string, expected an integer type",
                e.getMessage());
    }

    @Test
    void missingInputIsNamed() {
        String missing = dir.resolve("absent.parquet").toString();

        UserInputException e = TestImages.userError(
                () -> ImageParquetSource.builder(missing, RGB_4X6).build().read(SharedSpark.spark()));

        assertEquals("Parquet input not found: " + missing, e.getMessage());
    }

    @Test
    void schemaIsTheRecordSchema() {
        assertEquals(ImageSchema.RECORD, ImageParquetSource.builder(encodedParquet(), RGB_4X6).imageColumn("png")
                .build().read(SharedSpark.spark()).schema());
    }

    private static Map<String, Row> read(ImageSource source) {
        return source.read(SharedSpark.spark()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    }
}
