package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.CommonContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * The sprites pipeline on Spark's multi-process local mode: a master, two workers and two executor JVMs of one core
 * each, so minibatches, models and gradients cross JVM boundaries as on a cluster. Each trainer is held to the bars
 * of local[2], and every epoch must have been trained by both executors. Gradient sharing leaves nothing in Aeron's
 * shared-memory folder, and no thread in the driver, and reclaims what a killed JVM left there.
 */
class LocalClusterTest {
    static final String MASTER = "local-cluster[2,1,2048]";
    static final List<String> EXECUTORS = List.of("spark.executor.memory=1536m");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void bothExecutorsTrainEveryEpochToTheLocalBars(String trainer) throws Exception {
        SparkHome.prepare();
        // What a SIGKILLed JVM leaves in Aeron's shared-memory folder: a driver folder with no live driver.
        Path deadJvm = Files.createDirectories(
                Path.of(CommonContext.getAeronDirectoryName() + "-" + UUID.randomUUID()));
        Files.setLastModifiedTime(deadJvm, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Set<Path> before = aeronFolders();
        assertEquals(0, LatentSparkCli.run(SpritesPipeline.pipeline(out, MASTER, "r1", trainer, EXECUTORS)));
        SpritesPipeline.assertLearnedWithCompleteOutputs(out, "r1", trainer);
        if (trainer.equals("sharing")) {
            assertTrue(Files.notExists(deadJvm), "the dead JVM's Aeron folder is reclaimed");
            // The driver's and the executors' own folders go when they exit (the executors, once Spark stops them).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Set<Path> left = aeronFolders();
            while (!before.containsAll(left) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                left = aeronFolders();
            }
            left.removeAll(before);
            assertEquals(Set.of(), left, "Aeron folders the run left in shared memory");
            // Nor threads in this JVM, the driver's: DL4J's mesh shutdown leaves its poller looping forever.
            assertEquals(List.of(), meshThreads(), "gradient-sharing threads the run left in the driver");
        } else {
            Files.deleteIfExists(deadJvm);
            ReportInBrowser.check(new Outputs(out), "r1", "images", 7);
        }

        JsonNode training = new Outputs(out).json(new Outputs(out).run("r1").resolve("manifest.json")).get("training");
        assertEquals(2, training.get("executors_at_start").asInt());
        JsonNode epochs = training.get("examples_by_epoch");
        assertEquals(SpritesPipeline.epochs(trainer), epochs.size());
        for (JsonNode epoch : epochs) {
            assertEquals(epoch.get("exported").asLong(), epoch.get("trained").asLong(), epoch.toString());
            JsonNode byExecutor = epoch.get("by_executor");
            assertEquals(2, byExecutor.size(), "two executor JVMs: " + epoch);
            byExecutor.fields().forEachRemaining(e -> assertTrue(e.getValue().asLong() > 0, epoch.toString()));
        }
    }

    /** Threads of this JVM inside DL4J's Aeron transport. */
    static List<String> meshThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith(
                        "org.nd4j.parameterserver.distributed.v2.transport.impl.AeronUdpTransport")))
                .map(e -> e.getKey().getName())
                .toList();
    }

    private static Set<Path> aeronFolders() throws IOException {
        Path base = Path.of(CommonContext.getAeronDirectoryName());
        try (Stream<Path> folders = Files.list(base.getParent())) {
            return folders.filter(p -> p.getFileName().toString().startsWith(base.getFileName() + "-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** An executor that joins training but trains nothing (injected) fails the run, which publishes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aWorkerThatTrainsNothingFailsTheRun(String trainer) {
        SparkHome.prepare();
        List<String> conf = List.of("spark.executor.memory=1536m",
                "spark.executor.extraJavaOptions=-Dlatentspark.fault.idle-executor=1");
        Cli.Result result = Cli.run(SpritesPipeline.pipeline(out, MASTER, "r1", trainer, conf, "train.epochs=1"));
        assertEquals(LatentSparkCli.EXIT_NOT_TRAINED, result.exitCode(), result.stderr());
        assertEquals("latentspark: error: training did not train: trainer " + trainer + ", epoch 1: executor 1 "
                + "trained no examples although it was up for the whole epoch", result.errorLine()
                .replaceAll(" \\(examples trained per executor: .*\\)$", ""));
        assertTrue(!Files.exists(new Outputs(out).run("r1")), "a run that did not train is not published");
    }
}
