package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class IdxImageSourceTest {
    private static final int N = 5;
    private static final int ROWS = 3;
    private static final int COLS = 4;

    @TempDir
    Path dir;

    @Test
    void readsImagesAndLabels() throws IOException {
        String images = write("images", idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS)));
        String labels = write("labels", idx(0x08, new int[] {N}, new byte[] {7, 2, 1, 0, (byte) 200}));

        Dataset<Row> df = new IdxImageSource(images, labels, "digits").read(SharedSpark.spark());

        assertEquals(ImageSchema.RECORD, df.schema());
        List<Row> rows = df.orderBy(ImageSchema.ID).collectAsList();
        assertEquals(N, rows.size());
        Row third = rows.get(2);
        assertEquals("digits-000002", third.getString(0));
        assertEquals(ROWS, third.getInt(1));
        assertEquals(COLS, third.getInt(2));
        assertEquals(1, third.getInt(3));
        assertArrayEquals(Arrays.copyOfRange(pixels(N * ROWS * COLS), 2 * ROWS * COLS, 3 * ROWS * COLS),
                (byte[]) third.get(4));
        assertEquals(1, third.getInt(5));
        assertTrue(third.isNullAt(6));
        assertEquals(200, rows.get(4).getInt(5), "labels are unsigned bytes");
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        String images = write("images.idx", gzip(idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS))));
        String labels = write("labels.gz", idx(0x08, new int[] {N}, new byte[N]));

        List<Row> rows = new IdxImageSource(images, labels, "g").read(SharedSpark.spark())
                .orderBy(ImageSchema.ID).collectAsList();

        assertEquals(N, rows.size());
        assertArrayEquals(Arrays.copyOfRange(pixels(N * ROWS * COLS), 0, ROWS * COLS), (byte[]) rows.get(0).get(4));
    }

    @Test
    void labelsAreNullWithoutLabelsFile() throws IOException {
        String images = write("images", idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS)));

        Dataset<Row> df = new IdxImageSource(images, null, "u").read(SharedSpark.spark());

        assertEquals(N, df.where(df.col(ImageSchema.LABEL).isNull()).count());
    }

    @Test
    void idsAreUniqueAndPositionalAcrossSlices() throws IOException {
        int n = 25_000;
        String images = write("many", idx(0x08, new int[] {n, 1, 1}, pixels(n)));

        Dataset<Row> df = new IdxImageSource(images, null, "m").read(SharedSpark.spark());

        assertTrue(df.rdd().getNumPartitions() > 1);
        assertEquals(n, df.select(ImageSchema.ID).distinct().count());
        Row last = df.where(df.col(ImageSchema.ID).equalTo("m-024999")).first();
        assertEquals((byte) 24_999, ((byte[]) last.get(4))[0]);
    }

    @Test
    void wrongMagicNumberNamesFileFoundAndExpected() throws IOException {
        String images = write("not-idx.zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images), e.getMessage());
        assertTrue(e.getMessage().contains("0x504B0304"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    }

    @Test
    void labelsFileInPlaceOfImagesIsAWrongMagicNumber() throws IOException {
        String labels = write("labels", idx(0x08, new int[] {N}, new byte[N]));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(labels, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    }

    @Test
    void truncatedFileSaysHowMuchDataIsMissing() throws IOException {
        byte[] full = idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS));
        String images = write("short", Arrays.copyOf(full, full.length - 10));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images), e.getMessage());
        assertTrue(e.getMessage().contains("expected 60 bytes of data, found 50"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() throws IOException {
        byte[] compressed = gzip(idx(0x08, new int[] {100, 10, 10}, pixels(10_000)));
        String images = write("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images + " is truncated: expected 10000 bytes of data"), e.getMessage());
    }

    /** The example configuration reads the Debian package's files: without the package, it says what to install. */
    @Test
    void aMissingPackagedFileNamesThePackage() {
        String images = FashionMnist.DEBIAN_DIR.resolve("not-there-idx3-ubyte.gz").toUri().toString();

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertEquals("IDX file not found: " + images + " (the Debian package dataset-fashion-mnist puts it there: "
                + "apt-get install dataset-fashion-mnist; or set dataset.path to your copy)", e.getMessage());
    }

    @Test
    void trailingDataIsRejected() throws IOException {
        byte[] full = idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS));
        String images = write("long", Arrays.copyOf(full, full.length + 1));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images + " has more data than its header declares"), e.getMessage());
    }

    @Test
    void countMismatchNamesBothFilesAndCounts() throws IOException {
        String images = write("images", idx(0x08, new int[] {N, ROWS, COLS}, pixels(N * ROWS * COLS)));
        String labels = write("labels", idx(0x08, new int[] {N - 1}, new byte[N - 1]));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, labels, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images + " has 5 images"), e.getMessage());
        assertTrue(e.getMessage().contains(labels + " has 4 labels"), e.getMessage());
    }

    @Test
    void unsupportedDataTypeIsNamed() throws IOException {
        String images = write("floats", idx(0x0D, new int[] {1, 1, 1}, new byte[4]));

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(images, null, "x").read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains(images), e.getMessage());
        assertTrue(e.getMessage().contains("unsupported IDX data type 0x0D (float)"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        String missing = dir.resolve("nope").toString();

        UserInputException e = assertThrows(UserInputException.class,
                () -> new IdxImageSource(missing, null, "x").read(SharedSpark.spark()));

        assertEquals("IDX file not found: " + missing, e.getMessage());
    }

    @Test
    void readsInstalledFashionMnist() {
        Optional<FashionMnist.IdxFiles> files = FashionMnist.installed();
        assumeTrue(files.isPresent(), "dataset-fashion-mnist is not installed");

        Dataset<Row> train = files.get().train().read(SharedSpark.spark());
        Dataset<Row> test = files.get().test().read(SharedSpark.spark());

        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        Row first = test.orderBy(ImageSchema.ID).first();
        assertEquals("fashion-test-000000", first.getString(0));
        assertEquals(28, first.getInt(1));
        assertEquals(28, first.getInt(2));
        assertEquals(28 * 28, ((byte[]) first.get(4)).length);
        assertEquals(9, first.getInt(5), "the first test image is an ankle boot");
        Row labelRange = train.agg(functions.min(ImageSchema.LABEL),
                functions.max(ImageSchema.LABEL)).first();
        assertEquals(0, labelRange.getInt(0));
        assertEquals(9, labelRange.getInt(1));
    }

    @Test
    void fashionMnistIsAbsentFromAnEmptyFolder() {
        assertEquals(Optional.empty(), FashionMnist.in(dir));
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toString();
    }

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    private static byte[] pixels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
