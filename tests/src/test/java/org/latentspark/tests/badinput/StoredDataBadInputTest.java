package org.latentspark.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;

/**
 * Faults past the door: shards changed after sharding, Parquet damaged where no checksum tells, an output location or
 * master that is not there, and training that diverges. Each ends with its documented exit status, one line naming
 * the file or resource, and no run published.
 */
class StoredDataBadInputTest extends BadInputCase {
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
        Cli.Result pipeline = Cli.run("pipeline", "--output", out().toString(), "--master", "local[2]",
                "--run-id", "p1", "--set", "dataset.sprites.count=200", "--set", "train.epochs=1");
        assertEquals(LatentSparkCli.EXIT_INPUT, pipeline.exitCode(), pipeline.stderr());
        assertTrue(pipeline.errorLine().contains("file " + name + " differs from its manifest's SHA-256"),
                pipeline.errorLine());
        assertTrue(Files.notExists(out().resolve("runs/p1")));
        assertTrue(Files.notExists(out().resolve("runs/.inprogress-p1")), "no unfinished run left to resume");
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
    void nanLossStopsTrainingAndNamesTheEpoch() {
        Cli.Result result = Cli.run("pipeline", "--output", out().toString(), "--master", "local[2]", "--run-id", "nan",
                "--set", "dataset.sprites.count=600", "--set", "train.epochs=3", "--set", "model.hidden=[32]",
                "--set", "train.learning-rate=1e12");
        assertEquals(LatentSparkCli.EXIT_DIVERGED, result.exitCode(), result.stderr());
        assertTrue(result.errorLine().contains("diverged at epoch 1"), result.errorLine());
        assertTrue(!Files.exists(out().resolve("runs/nan")), "a diverged run must not look complete");
    }

    /** The train split's Parquet file after sharding 200 sprites, with its .crc side file gone (as on a store). */
    private Path shardedTrainFile() throws IOException {
        assertEquals(0, shard("dataset.sprites.count=200").exitCode());
        Path file;
        try (Stream<Path> walk = Files.walk(out().resolve("datasets/sprites/split=train"))) {
            file = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        return file;
    }

    private Cli.Result trainTrustingSizes(String runId) {
        return Cli.run("train", "--output", out().toString(), "--master", "local[2]", "--run-id", runId,
                "--set", "dataset.sprites.count=200", "--set", "train.epochs=1", "--set", "dataset.verify=size");
    }

    /** Without hashes (dataset.verify = size) a damaged data page is found when read, and its file named. */
    @Test
    void corruptParquetPageWithoutChecksums() throws IOException {
        Path file = shardedTrainFile();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(file, bytes);
        Cli.Result result = trainTrustingSizes("page");
        assertEquals(LatentSparkCli.EXIT_INPUT, result.exitCode(), result.stderr());
        assertTrue(result.errorLine().startsWith("latentspark: error: cannot read " + file.toUri()),
                result.errorLine());
        assertTrue(result.errorLine().contains("the file is corrupt"), result.errorLine());
        assertTrue(Files.notExists(out().resolve("runs/page")));
    }

    /** Without hashes, a footer that points outside its file is found before training, and its file named. */
    @Test
    void corruptParquetFooterWithoutChecksums() throws IOException {
        Path file = shardedTrainFile();
        byte[] bytes = Files.readAllBytes(file);
        // The footer's length, the 4 bytes before the closing magic PAR1.
        bytes[bytes.length - 5] = (byte) 0x7F;
        Files.write(file, bytes);
        Cli.Result result = trainTrustingSizes("footer");
        String name = out().resolve("datasets/sprites").relativize(file).toString();
        assertFailsCleanlyKeepingTheDataset(result, "file " + name + " has an unreadable Parquet footer");
        assertTrue(Files.notExists(out().resolve("runs/footer")));
    }

    private void assertFailsCleanlyKeepingTheDataset(Cli.Result result, String mention) {
        assertEquals(LatentSparkCli.EXIT_INPUT, result.exitCode(), result.stderr());
        assertTrue(result.errorLine().startsWith("latentspark: error: dataset "), result.errorLine());
        assertTrue(result.errorLine().contains(mention), result.errorLine());
    }
}
