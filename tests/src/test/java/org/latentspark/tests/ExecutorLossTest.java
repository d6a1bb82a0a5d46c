package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An executor JVM killed with SIGKILL in the middle of training, on two executor JVMs: the run completes (Spark
 * re-runs the lost tasks, the worker starts a replacement executor) or, if it fails, --resume completes it. The
 * latents then have exactly the dataset's rows, once each; averaging, which is deterministic, ends where an
 * undisturbed run ends, and sharing still learns.
 */
class ExecutorLossTest {
    /** A stall (DL4J's mesh has hung on a lost executor) ends the run within minutes, and --resume completes it. */
    static final String[] SMALL = {"train.epochs=3", "dataset.sprites.count=2000", "model.hidden=[128]",
        "train.stall-timeout=2m"};

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void aKilledExecutorIsSurvived(String trainer) throws Exception {
        SparkHome.prepare();
        String[] killed = SpritesPipeline.pipeline(out, LocalClusterTest.MASTER, "killed", trainer,
                LocalClusterTest.EXECUTORS, SMALL);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Cli.Result> run = runner.submit(() -> Cli.run(killed));
        try {
            Path firstEpoch = out.resolve("runs/.inprogress-killed/checkpoints/epoch-0001/state.json");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!Files.exists(firstEpoch) && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(firstEpoch), "the first epoch did not finish");
            Thread.sleep(3000);
            killExecutor("1");
            Cli.Result result = run.get(6, TimeUnit.MINUTES);
            if (result.exitCode() != 0) {
                String[] resume = Stream.concat(Arrays.stream(killed), Stream.of("--resume")).toArray(String[]::new);
                assertEquals(0, Cli.run(resume).exitCode(), "--resume after a lost executor: " + result.stderr());
            }
        } finally {
            if (!run.isDone()) {
                // A failed assertion must not leave the run going into the next test's Spark.
                SparkHome.stopInProcessSessions();
                try {
                    run.get(2, TimeUnit.MINUTES);
                } catch (Exception e) {
                    run.cancel(true);
                }
            }
            runner.shutdownNow();
        }

        Outputs outputs = new Outputs(out);
        Map<String, Long> latents = outputs.latentCounts("killed");
        var dataset = outputs.json(out.resolve("datasets/sprites-test/_manifest.json"));
        for (String split : List.of("train", "validation", "test")) {
            assertEquals(dataset.at("/counts/" + split).asLong(), latents.get(split), split + " latents rows");
        }
        List<Row> duplicates = Outputs.spark().read().parquet(outputs.run("killed").resolve("latents").toString())
                .groupBy("id").count().where("count > 1").collectAsList();
        assertEquals(List.of(), duplicates, "every example once");

        Map<String, Double> eval = outputs.evaluation("killed");
        String initial = Outputs.key("vae", "validation", "neg_elbo", null, 0);
        String last = Outputs.key("vae", "validation", "neg_elbo", null, 3);
        if ("averaging".equals(trainer)) {
            SparkHome.stopInProcessSessions();
            assertEquals(0, Cli.run(SpritesPipeline.pipeline(out, LocalClusterTest.MASTER, "undisturbed",
                    trainer, LocalClusterTest.EXECUTORS, SMALL)).exitCode());
            Map<String, Double> undisturbed = outputs.evaluation("undisturbed");
            for (int epoch = 1; epoch <= 3; epoch++) {
                String key = Outputs.key("vae", "validation", "neg_elbo", null, epoch);
                assertEquals(undisturbed.get(key), eval.get(key), 1e-3 * undisturbed.get(key), key);
            }
        } else {
            assertTrue(eval.get(last) <= 0.8 * eval.get(initial), "neg_elbo " + eval.get(initial) + " -> "
                    + eval.get(last));
        }
    }

    /** SIGKILLs the executor JVM with this id among this JVM's descendants (local-cluster's workers start them). */
    static void killExecutor(String id) throws InterruptedException {
        List<ProcessHandle> executors = ProcessHandle.current().descendants().filter(p -> {
            List<String> args = commandLine(p);
            int at = args.indexOf("--executor-id");
            return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend") && at >= 0
                    && at + 1 < args.size() && id.equals(args.get(at + 1));
        }).toList();
        assertEquals(1, executors.size(), "executor " + id + " among this JVM's descendants");
        executors.get(0).destroyForcibly();
        executors.get(0).onExit().join();
    }

    /** The process's whole command line (ProcessHandle.Info truncates long ones, and executors' are long). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
            return Arrays.asList(raw.split("\0"));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
