package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * The driver JVM of a run on two executor JVMs killed with SIGKILL after its first epoch's checkpoint: nothing is
 * published, and --resume (a new driver) completes the run with exactly the dataset's latents. While the first driver
 * lives, a second process with the same run id is refused; once it is dead, its lock is taken over.
 */
class DriverLossTest {
    @TempDir
    Path out;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void resumeCompletesARunWhoseDriverWasKilled() throws Exception {
        SparkHome.prepare();
        String[] run = SpritesPipeline.pipeline(out, LocalClusterTest.MASTER, "killed", "averaging",
                LocalClusterTest.EXECUTORS, ExecutorLossTest.SMALL);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx3g", "-cp", System.getProperty("java.class.path")));
        command.addAll(StandaloneCluster.JAVA17_OPENS);
        command.add(LatentSparkCli.class.getName());
        command.addAll(Arrays.asList(run));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("driver.log").toFile()).start();
        try {
            Path firstEpoch = out.resolve("runs/.inprogress-killed/checkpoints/epoch-0001/state.json");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!Files.exists(firstEpoch) && driver.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(firstEpoch), "the first epoch did not finish: " + Files.readString(
                    out.resolve("driver.log")));
            // While the driver lives, a second process with the run's id is refused before it touches the run.
            Cli.Result second = Cli.run(Stream.concat(Arrays.stream(run), Stream.of("--resume"))
                    .toArray(String[]::new));
            assertEquals(LatentSparkCli.EXIT_ENVIRONMENT, second.exitCode(), second.stderr());
            assertTrue(second.errorLine().startsWith("latentspark: error: run killed is in use by process "
                    + driver.pid() + " on host "), second.errorLine());
            assertTrue(Files.exists(firstEpoch), "the refused process left the run alone");
        } finally {
            List<ProcessHandle> executors = driver.descendants().toList();
            driver.destroyForcibly().waitFor();
            executors.forEach(ProcessHandle::destroyForcibly);
        }
        assertTrue(!Files.exists(out.resolve("runs/killed")), "a killed run publishes nothing");

        String[] resume = Stream.concat(Arrays.stream(run), Stream.of("--resume")).toArray(String[]::new);
        assertEquals(0, LatentSparkCli.run(resume));
        Outputs outputs = new Outputs(out);
        Map<String, Long> latents = outputs.latentCounts("killed");
        var dataset = outputs.json(out.resolve("datasets/sprites-test/_manifest.json"));
        for (String split : List.of("train", "validation", "test")) {
            assertEquals(dataset.at("/counts/" + split).asLong(), latents.get(split), split + " latents rows");
        }
        var manifest = outputs.json(outputs.run("killed").resolve("manifest.json"));
        assertEquals("complete", manifest.get("status").asText());
        assertTrue(manifest.at("/training/resumed_after_epoch").asInt() >= 1, manifest.toString());
    }
}
