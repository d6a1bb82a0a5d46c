package org.latentspark.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;
import org.latentspark.tests.Outputs;

/**
 * Bad image input through {@code shard}: IDX files that are not, or not wholly, what their header says, image
 * folders with files that are not images. Each exits with the input status, one line naming the file, and nothing
 * at the output path.
 */
class ImageBadInputTest extends BadInputCase {
    /** An IDX file: magic (0, 0, 0x08, dims), big-endian sizes, then the data. */
    private Path idx(String name, int magicType, int[] dims, int dataBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        buf.put((byte) 0).put((byte) 0).put((byte) magicType).put((byte) dims.length);
        for (int d : dims) {
            buf.putInt(d);
        }
        Path file = tmp.resolve(name);
        Files.write(file, buf.array());
        return file;
    }

    @Test
    void idxWithWrongMagicNumber() throws IOException {
        Path images = tmp.resolve("zip-not-idx3-ubyte");
        Files.write(images, new byte[] {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 0, 0, 0, 0});
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.getFileName().toString(), "magic");
    }

    @Test
    void idxOfAnUnsupportedDataType() throws IOException {
        Path images = idx("floats-idx3-ubyte", 0x0D, new int[] {4, 2, 2}, 64);
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.getFileName().toString(), "0x0D");
    }

    @Test
    void truncatedIdx() throws IOException {
        Path images = idx("short-idx3-ubyte", 0x08, new int[] {4, 2, 2}, 10);
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.getFileName().toString());
    }

    @Test
    void imageAndLabelCountsDisagree() throws IOException {
        Path images = idx("images-idx3-ubyte", 0x08, new int[] {4, 2, 2}, 16);
        Path labels = idx("labels-idx1-ubyte", 0x08, new int[] {3}, 3);
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\"",
                "dataset.labels-path=\"" + labels + "\""), LatentSparkCli.EXIT_INPUT,
                images.getFileName().toString(), labels.getFileName().toString());
    }

    private Path folderWithOneBadImage() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png",
                    folder.resolve("good" + i + ".png").toFile());
        }
        Files.writeString(folder.resolve("broken.png"), "this is not a png");
        return folder;
    }

    @Test
    void fileThatIsNotAnImageIsFatalByDefault() throws IOException {
        Path folder = folderWithOneBadImage();
        assertFailsCleanly(shard("dataset.format=image-folder", "dataset.path=\"" + folder + "\""),
                LatentSparkCli.EXIT_INPUT, "broken.png");
    }

    @Test
    void fileThatIsNotAnImageIsSkippedAndCountedWhenAsked() throws IOException {
        Path folder = folderWithOneBadImage();
        Cli.Result result = shard("dataset.format=image-folder", "dataset.path=\"" + folder + "\"",
                "dataset.on-bad-image=skip", "dataset.height=8", "dataset.width=8");
        assertEquals(0, result.exitCode(), result.stderr());
        var manifest = new Outputs(out()).json(out().resolve("datasets/image-folder/_manifest.json"));
        assertEquals(1, manifest.get("skipped_records").asLong());
        assertEquals(3, manifest.at("/counts/total").asLong());
    }

    @Test
    void emptyDataset() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("empty"));
        assertFailsCleanly(shard("dataset.format=image-folder", "dataset.path=\"" + folder + "\""),
                LatentSparkCli.EXIT_INPUT, folder.toString());
    }

    /** 2e9 images of 28 × 28 in a header over 100 bytes: refused from the header, before any allocation. */
    @Test
    void idxHeaderClaimingMoreThanAnArrayHolds() throws IOException {
        Path images = idx("huge-idx3-ubyte", 0x08, new int[] {2_000_000_000, 28, 28}, 100);
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.toString(), "declares 1568000000000 bytes of data");
    }

    @Test
    void idxWithANegativeDimension() throws IOException {
        Path images = idx("negative-idx3-ubyte", 0x08, new int[] {-5, 2, 2}, 20);
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.toString(), "negative dimension");
    }

    /** A download cut short: the gzip stream ends inside the pixels. */
    @Test
    void truncatedGzipIdx() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16 + 100 * 64).put(new byte[] {0, 0, 0x08, 3}).putInt(100).putInt(8)
                .putInt(8);
        for (int i = 16; i < header.capacity(); i++) {
            header.put(i, (byte) (i * 31));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(header.array());
        }
        byte[] whole = gz.toByteArray();
        Path images = Files.write(tmp.resolve("cut-idx3-ubyte.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertFailsCleanly(shard("dataset.format=idx", "dataset.path=\"" + images + "\""), LatentSparkCli.EXIT_INPUT,
                images.toString(), "truncated");
    }

    /** Files named like images with no bytes: none decodes, so the dataset is empty rather than zero-sized images. */
    @Test
    void imageFolderOfZeroByteFiles() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("zero-byte"));
        for (int i = 0; i < 3; i++) {
            Files.createFile(folder.resolve("image" + i + ".png"));
        }
        assertFailsCleanly(shard("dataset.format=image-folder", "dataset.path=\"" + folder + "\""),
                LatentSparkCli.EXIT_INPUT, "image0.png");
    }
}
