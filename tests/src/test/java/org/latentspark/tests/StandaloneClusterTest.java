package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * The artifact users deploy, on the kind of cluster they deploy it to: the application jar (Spark and Hadoop
 * provided) submitted through spark-submit to a standalone master with two workers of one core, started from a
 * Spark distribution's jars. It runs the neural pipeline with gradient sharing across the two executor JVMs and must
 * reach the neural bars.
 */
class StandaloneClusterTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void theApplicationJarTrainsLfadsWithGradientSharingOnTwoExecutors() {
        Path jar = Path.of(System.getProperty("latentspark.app-jar", "missing"));
        assertTrue(Files.isRegularFile(jar), "the application jar " + jar + " is built by `mvn package` (without "
                + "-DskipAppJar) before the tests run");
        NeuralPipelineTest.writeRecordings(dir.resolve("data"));
        Path out = dir.resolve("out");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 1, 2048)) {
            int exit = cluster.submit(List.of("--class", LatentSparkCli.class.getName(),
                    "--conf", "spark.executor.memory=1536m", "--conf", "spark.executor.cores=1",
                    "--conf", "spark.cores.max=2", jar.toString(),
                    "pipeline", "--output", out.toString(), "--run-id", "s1",
                    "--config", TestConfigs.lorenz().toAbsolutePath().toString(),
                    "--set", "dataset.path=" + dir.resolve("data/nwb"),
                    "--set", "dataset.neural.truth-path=" + dir.resolve("data/truth"),
                    "--set", "train.trainer=sharing", "--set", "train.epochs=" + NeuralPipelineTest.SHARING_EPOCHS,
                    // Not the default port, which in-process sharing runs of other tests may hold in this JVM.
                    "--set", "train.sharing.port=41123"),
                    Duration.ofMinutes(18));
            String log = cluster.log("submit.log");
            assertEquals(0, exit, log.substring(Math.max(0, log.length() - 4000)));
        }
        NeuralPipelineTest.assertRecoveredLatentsAndBeatBaseline(out, "s1", "sharing");
        JsonNode training = new Outputs(out).json(new Outputs(out).run("s1").resolve("manifest.json"))
                .get("training");
        assertEquals(2, training.get("executors_at_start").asInt());
        for (JsonNode epoch : training.get("examples_by_epoch")) {
            assertEquals(2, epoch.get("by_executor").size(), "both executors train every epoch: " + epoch);
        }
    }
}
