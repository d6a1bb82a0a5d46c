package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentspark.common.KillSwitch;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * The pipeline's process killed with SIGKILL at every step boundary and inside every step, one after the other: each
 * kill lands in a driver JVM that resumed the run the previous kill left (--resume), and a last --resume completes
 * it. Gradient sharing is killed inside and after training only; the other points run trainer-independent code. While every killed process runs, a watcher checks that nothing half-written is ever visible; after each kill,
 * that the point was really reached; at the end, that the run's tables have exactly the dataset's rows, no id twice,
 * and (parameter averaging, which is deterministic) the metrics of an undisturbed run with the same seed.
 */
class KillAtEveryStepTest {
    private static final String[] SMALL = {"train.epochs=3", "dataset.sprites.count=600", "model.hidden=[32]",
        "evaluate.iwae-examples=100"};

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void resumeCompletesARunKilledAtEveryStep(String trainer) throws Exception {
        String[] run = SpritesPipeline.pipeline(out, "k", trainer, SMALL);
        String[] resume = Stream.concat(Arrays.stream(run), Stream.of("--resume")).toArray(String[]::new);
        Path staging = out.resolve("runs/.inprogress-k");

        // Sharding, embedding and evaluating run the same code whatever the trainer: killed there with averaging.
        boolean everyStep = trainer.equals("averaging");
        if (everyStep) {
            killAt("inside-shard", 1, run);
            assertTrue(Files.isDirectory(staging), "a run killed while sharding can be resumed");
            assertFalse(Files.exists(out.resolve("datasets/sprites-test")), "no dataset published");
            killAt("after-shard", 1, resume);
        } else {
            assertEquals(0, Cli.run("shard", "--output", out.toString(), "--master", "local[2]", "--config",
                    TestConfigs.sprites().toString(), "--set", SMALL[1]).exitCode());
        }
        JsonNode dataset = new Outputs(out).json(out.resolve("datasets/sprites-test/_manifest.json"));
        // Mid-way through the second epoch: its minibatches are about train / batch size.
        long perEpoch = (dataset.at("/counts/train").asLong() + 31) / 32;
        killAt("inside-train", (int) (perEpoch + perEpoch / 2), everyStep ? resume : run);
        assertTrue(Files.exists(staging.resolve("checkpoints/epoch-0001/state.json")), "epoch 1 was checkpointed");
        assertFalse(Files.exists(staging.resolve("checkpoints/epoch-0002")), "killed inside epoch 2");
        killAt("after-train", 1, resume);
        if (everyStep) {
            killAt("inside-embed", 1, resume);
            assertTrue(Files.isDirectory(staging.resolve(".inprogress-latents")), "killed with latents half-written");
            killAt("after-embed", 1, resume);
            killAt("inside-evaluate", 1, resume);
            killAt("after-evaluate", 1, resume);
        }
        assertEquals(0, Cli.run(resume).exitCode());

        Outputs outputs = new Outputs(out);
        JsonNode manifest = outputs.json(outputs.run("k").resolve("manifest.json"));
        assertEquals("complete", manifest.get("status").asText());
        assertExactRows(dataset, Outputs.spark());
        if (trainer.equals("averaging")) {
            assertEquals(0, LatentSparkCli.run(SpritesPipeline.pipeline(out, "undisturbed", trainer, SMALL)));
            assertEquals(outputs.json(outputs.run("undisturbed").resolve("manifest.json")).at("/training/kept_epoch"),
                    manifest.at("/training/kept_epoch"), "the same epoch kept (train.keep = best)");
            Map<String, Double> killed = outputs.evaluation("k");
            Map<String, Double> undisturbed = outputs.evaluation("undisturbed");
            assertEquals(undisturbed.keySet(), killed.keySet());
            for (var metric : undisturbed.entrySet()) {
                // Timings differ; everything the model computed must not.
                if (!metric.getKey().contains("per_s") && !metric.getKey().contains("seconds")) {
                    assertEquals(metric.getValue(), killed.get(metric.getKey()),
                            1e-3 * Math.abs(metric.getValue()) + 1e-6, metric.getKey());
                }
            }
            // The two runs side by side, as a reader compares a resumed run with an undisturbed one.
            Cli.Result compared = Cli.run("report", "--output", out.toString(), "--master", "local[2]",
                    "--run-id", "k", "--run-id", "undisturbed");
            assertEquals(0, compared.exitCode(), compared.stderr());
            ReportInBrowser.checkComparison(outputs, out.resolve("reports/k-vs-undisturbed/index.html"),
                    List.of("k", "undisturbed"), "comparison");
        }
    }

    /** Every example of every split once in the latents, under its own id. */
    private void assertExactRows(JsonNode dataset, SparkSession spark) {
        Dataset<Row> latents = spark.read().parquet(out.resolve("runs/k/latents").toString());
        for (String split : List.of("train", "validation", "test")) {
            Dataset<Row> rows = latents.filter(latents.col("split").equalTo(split));
            long expected = dataset.at("/counts/" + split).asLong();
            assertEquals(expected, rows.count(), split + " rows");
            assertEquals(expected, rows.select("id").distinct().count(), split + " ids");
        }
    }

    /**
     * Runs {@code args} in a new JVM that kills itself at the {@code arrival}-th arrival at {@code point}, and checks
     * that it died there and that no moment of its life showed a half-written output.
     */
    private void killAt(String point, int arrival, String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                "-D" + KillSwitch.AT + "=" + point, "-D" + KillSwitch.AFTER + "=" + arrival));
        command.addAll(StandaloneCluster.JAVA17_OPENS);
        command.add(LatentSparkCli.class.getName());
        command.addAll(Arrays.asList(args));
        Path log = out.resolve("kill-" + point + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<String> seen = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        try {
            while (process.isAlive() && System.nanoTime() < deadline) {
                seen.addAll(halfWritten());
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            // A process that never reaches its point (or outlives this test) must not outlive the run.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        seen.addAll(halfWritten());
        assertEquals(137, process.exitValue(), point + " was not reached: " + Files.readString(log));
        assertEquals(List.of(), seen, "visible while the process killed at " + point + " ran");
    }

    /** Visible outputs that are not complete: a dataset without its manifest, a run not marked complete. */
    private List<String> halfWritten() {
        List<String> bad = new ArrayList<>();
        for (String kind : List.of("datasets", "runs")) {
            try (Stream<Path> entries = Files.exists(out.resolve(kind)) ? Files.list(out.resolve(kind)) : Stream.of()) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    boolean complete = kind.equals("datasets") ? Files.exists(entry.resolve("_manifest.json"))
                            : Files.readString(entry.resolve("manifest.json")).contains("\"complete\"");
                    if (!complete) {
                        bad.add(kind + "/" + name);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                bad.add(kind + ": " + e.getMessage());
            }
        }
        return bad;
    }
}
