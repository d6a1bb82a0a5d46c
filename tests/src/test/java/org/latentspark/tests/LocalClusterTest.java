package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * The sprites pipeline on Spark's multi-process local mode: a master, two workers and two executor JVMs of one core
 * each, so minibatches, models and gradients cross JVM boundaries as on a cluster. Each trainer is held to the bars
 * of local[2], and every epoch must have been trained by both executors.
 */
class LocalClusterTest {
    static final String MASTER = "local-cluster[2,1,2048]";
    static final List<String> EXECUTORS = List.of("spark.executor.memory=1536m");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
    void bothExecutorsTrainEveryEpochToTheLocalBars(String trainer) {
        SparkHome.require();
        SparkHome.stopInProcessSessions();
        assertEquals(0, LatentSparkCli.run(SpritesPipelineTest.pipeline(out, MASTER, "r1", trainer, EXECUTORS)));
        SpritesPipelineTest.assertLearnedWithCompleteOutputs(out, "r1", trainer);

        JsonNode training = new Outputs(out).json(new Outputs(out).run("r1").resolve("manifest.json")).get("training");
        assertEquals(2, training.get("executors_at_start").asInt());
        JsonNode epochs = training.get("examples_by_epoch");
        assertEquals(SpritesPipelineTest.EPOCHS, epochs.size());
        for (JsonNode epoch : epochs) {
            assertEquals(epoch.get("exported").asLong(), epoch.get("trained").asLong(), epoch.toString());
            JsonNode byExecutor = epoch.get("by_executor");
            assertEquals(2, byExecutor.size(), "two executor JVMs: " + epoch);
            byExecutor.fields().forEachRemaining(e -> assertTrue(e.getValue().asLong() > 0, epoch.toString()));
        }
    }
}
