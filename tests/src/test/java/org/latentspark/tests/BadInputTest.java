package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * Bad input through the real command line: a non-zero exit, one line on stderr naming the file or key, and nothing
 * at the output path that looks like a result.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    private Cli.Result shard(String... sets) {
        return Cli.shard(out(), sets);
    }

    private void assertFailsCleanly(Cli.Result result, int exitCode, String... mentions) {
        Cli.assertFailsCleanly(result, out(), exitCode, mentions);
    }

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

    /**
     * A shard corrupted or deleted after sharding: train refuses the dataset, naming the file, and no run appears;
     * embed on an earlier run refuses it too and leaves that run's latents as they were.
     */
    @Test
    void aShardChangedAfterShardingIsRefusedByTheNextStep() throws IOException {
        assertEquals(0, shard("dataset.sprites.count=200").exitCode());
        assertEquals(0, train("r0").exitCode());
        assertEquals(0, embed("r0").exitCode());
        Path latents = out().resolve("runs/r0/latents");
        List<Path> latentFiles = files(latents);
        Path dataset = out().resolve("datasets/sprites");
        Path file;
        try (Stream<Path> walk = Files.walk(dataset.resolve("split=train"))) {
            file = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        String name = dataset.relativize(file).toString();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
        // An object store keeps no .crc side file; without it, only the manifest's SHA-256 tells.
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        Cli.Result corrupt = train("r1");
        assertEquals(LatentSparkCli.EXIT_INPUT, corrupt.exitCode(), corrupt.stderr());
        assertTrue(corrupt.errorLine().startsWith("latentspark: error: dataset " + dataset + " is not what was "
                + "sharded: file " + name + " differs from its manifest's SHA-256"), corrupt.errorLine());
        assertTrue(Files.notExists(out().resolve("runs/r1")));
        Cli.Result reEmbed = embed("r0");
        assertEquals(LatentSparkCli.EXIT_INPUT, reEmbed.exitCode(), reEmbed.stderr());
        assertTrue(reEmbed.errorLine().contains("file " + name + " differs from its manifest's SHA-256"),
                reEmbed.errorLine());
        assertEquals(latentFiles, files(latents), "the earlier latents are kept");

        Files.delete(file);
        Cli.Result deleted = train("r2");
        assertEquals(LatentSparkCli.EXIT_INPUT, deleted.exitCode(), deleted.stderr());
        assertTrue(deleted.errorLine().contains("file " + name + ", listed in its manifest, is missing"),
                deleted.errorLine());
        assertTrue(Files.notExists(out().resolve("runs/r2")));
    }

    /** Environment failures: their own exit status and one line naming the resource; nothing written. */
    @Test
    void anOutputThatIsAFileAndAnUnreachableMasterAreEnvironmentErrors() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Cli.Result output = Cli.run("shard", "--output", file.toString(), "--master", "local[2]");
        assertEquals(LatentSparkCli.EXIT_ENVIRONMENT, output.exitCode(), output.stderr());
        assertEquals("latentspark: error: --output " + file + " is a file, not a directory; name a directory",
                output.errorLine());

        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        Cli.Result master = Cli.run("shard", "--output", out().toString(), "--master", "spark://127.0.0.1:" + closed);
        assertEquals(LatentSparkCli.EXIT_ENVIRONMENT, master.exitCode(), master.stderr());
        assertTrue(master.errorLine().startsWith("latentspark: error: Spark master spark://127.0.0.1:" + closed
                + " is unreachable"), master.errorLine());
        assertTrue(Files.notExists(out()), "nothing written");
    }

    private Cli.Result embed(String runId) {
        return Cli.run("embed", "--output", out().toString(), "--master", "local[2]", "--run-id", runId,
                "--set", "dataset.sprites.count=200");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Cli.Result train(String runId) {
        return Cli.run("train", "--output", out().toString(), "--master", "local[2]", "--run-id", runId,
                "--set", "dataset.sprites.count=200", "--set", "train.epochs=1");
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

    @Test
    void unknownModelName() {
        assertFailsCleanly(shard("model.name=transformer"), LatentSparkCli.EXIT_INPUT, "model.name", "transformer");
    }

    @Test
    void unknownTrainerName() {
        assertFailsCleanly(shard("train.trainer=horovod"), LatentSparkCli.EXIT_INPUT, "train.trainer", "horovod");
    }

    @Test
    void missingRequiredKey() {
        assertFailsCleanly(shard("dataset.format=idx"), LatentSparkCli.EXIT_INPUT, "dataset.path");
    }

    @Test
    void unknownOption() {
        Cli.Result result = Cli.run("train", "--epochs", "3");
        assertEquals(LatentSparkCli.EXIT_USAGE, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().strip().split("\n").length, result.stderr());
        assertTrue(result.errorLine().contains("--epochs"), result.errorLine());
    }

    @Test
    void misspeltKey() {
        assertFailsCleanly(shard("train.epoch=3"), LatentSparkCli.EXIT_INPUT, "train.epoch");
    }

    @Test
    void nanLossStopsTrainingAndNamesTheEpoch() {
        Cli.Result result = Cli.run("pipeline", "--output", out().toString(), "--master", "local[2]", "--run-id", "nan",
                "--set", "dataset.sprites.count=600", "--set", "train.epochs=3", "--set", "model.hidden=[32]",
                "--set", "train.learning-rate=1e12");
        assertEquals(LatentSparkCli.EXIT_DIVERGED, result.exitCode(), result.stderr());
        assertTrue(result.errorLine().contains("diverged at epoch 1"), result.errorLine());
        assertTrue(!Files.exists(out().resolve("runs/nan")), "a diverged run must not look complete");
    }
}
