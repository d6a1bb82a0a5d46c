package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class ImageFolderSourceTest {
    private static final ImageShape RGB_4X6 = new ImageShape(4, 6, 3);

    @TempDir
    Path root;

    /** cat/a.png, cat/b c.png (RGB 6×4), dog/d.png (gray 6×4), dog/bad.png (text), notes.txt (not an image). */
    @BeforeEach
    void writeImages() throws IOException {
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));
        ImageIO.write(TestImages.rgb(6, 4, 0), "png", root.resolve("cat/a.png").toFile());
        ImageIO.write(TestImages.rgb(6, 4, 5), "png", root.resolve("cat/b c.png").toFile());
        BufferedImage gray = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 200);
        ImageIO.write(gray, "png", root.resolve("dog/d.png").toFile());
        Files.writeString(root.resolve("dog/bad.png"), "not a PNG", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("notes.txt"), "ignored", StandardCharsets.UTF_8);
    }

    @Test
    void skipsAndCountsBadImages() {
        ImageFolderSource source = new ImageFolderSource(root.toString(), RGB_4X6, false, BadImagePolicy.SKIP);

        Dataset<Row> df = source.read(SharedSpark.spark());

        assertEquals(ImageSchema.RECORD, df.schema());
        assertEquals(3, df.count());
        assertEquals(1, source.skipped());
        assertEquals(3, df.count());
        assertEquals(1, source.skipped(), "evaluating again does not count the same file twice");
    }

    @Test
    void failsOnBadImagesByDefaultNamingTheFile() {
        Dataset<Row> df = new ImageFolderSource(root.toString(), RGB_4X6, false).read(SharedSpark.spark());

        UserInputException e = TestImages.userError(df::collectAsList);

        assertTrue(e.getMessage().contains("dog/bad.png"), e.getMessage());
        assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    }

    @Test
    void idsAreRelativePathsAndPixelsAreRgb() {
        Map<String, Row> rows = read(new ImageFolderSource(root.toString(), RGB_4X6, false, BadImagePolicy.SKIP));

        assertEquals(List.of("cat/a.png", "cat/b c.png", "dog/d.png"), rows.keySet().stream().sorted().toList());
        Row b = rows.get("cat/b c.png");
        assertEquals(4, b.getInt(1));
        assertEquals(6, b.getInt(2));
        assertEquals(3, b.getInt(3));
        assertArrayEquals(TestImages.rgbPixels(6, 4, 5), (byte[]) b.get(4));
        assertTrue(b.isNullAt(5));
        assertTrue(b.isNullAt(6));
        byte[] gray = (byte[]) rows.get("dog/d.png").get(4);
        int at = 3 * (1 * 6 + 2);
        assertArrayEquals(new byte[] {(byte) 200, (byte) 200, (byte) 200}, new byte[] {gray[at], gray[at + 1], gray[at + 2]});
    }

    @Test
    void labelsComeFromFolderNamesInSortedOrder() {
        Map<String, Row> rows = read(new ImageFolderSource(root.toString(), RGB_4X6, true, BadImagePolicy.SKIP));

        assertEquals(0, rows.get("cat/a.png").getInt(5));
        assertEquals(0, rows.get("cat/b c.png").getInt(5));
        assertEquals(1, rows.get("dog/d.png").getInt(5));
    }

    @Test
    void labelsFromFoldersNeedEveryImageInAFolder() throws IOException {
        ImageIO.write(TestImages.rgb(6, 4, 0), "png", root.resolve("loose.png").toFile());

        UserInputException e = TestImages.userError(
                () -> new ImageFolderSource(root.toString(), RGB_4X6, true).read(SharedSpark.spark()));

        assertTrue(e.getMessage().contains("loose.png"), e.getMessage());
    }

    @Test
    void convertsToGrayscaleAndResizes() {
        Map<String, Row> rows = read(new ImageFolderSource(root.toString(), new ImageShape(2, 3, 1), false,
                BadImagePolicy.SKIP));

        Row a = rows.get("cat/a.png");
        assertEquals(2, a.getInt(1));
        assertEquals(3, a.getInt(2));
        assertEquals(1, a.getInt(3));
        assertEquals(6, ((byte[]) a.get(4)).length);
    }

    @Test
    void missingFolderIsNamed() {
        String missing = root.resolve("nowhere").toString();

        UserInputException e = TestImages.userError(
                () -> new ImageFolderSource(missing, RGB_4X6, false).read(SharedSpark.spark()));

        assertEquals("image folder not found: " + missing, e.getMessage());
    }

    @Test
    void folderWithoutImagesIsRejected() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here", StandardCharsets.UTF_8);

        UserInputException e = TestImages.userError(
                () -> new ImageFolderSource(empty.toString(), RGB_4X6, false).read(SharedSpark.spark()));

        assertTrue(e.getMessage().startsWith("no images in " + empty), e.getMessage());
    }

    private static Map<String, Row> read(ImageSource source) {
        return source.read(SharedSpark.spark()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    }
}
