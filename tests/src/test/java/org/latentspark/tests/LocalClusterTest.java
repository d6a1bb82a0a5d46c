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
        SparkHome.prepare();
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

    /** An executor that joins training but trains nothing (injected) fails the run, which publishes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"averaging", "sharing"})
    @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aWorkerThatTrainsNothingFailsTheRun(String trainer) {
        SparkHome.prepare();
        List<String> conf = List.of("spark.executor.memory=1536m",
                "spark.executor.extraJavaOptions=-Dlatentspark.fault.idle-executor=1");
        Cli.Result result = Cli.run(SpritesPipelineTest.pipeline(out, MASTER, "r1", trainer, conf, "train.epochs=1"));
        assertEquals(LatentSparkCli.EXIT_NOT_TRAINED, result.exitCode(), result.stderr());
        assertEquals("latentspark: error: training did not train: trainer " + trainer + ", epoch 1: executor 1 "
                + "trained no examples although it was up for the whole epoch", result.errorLine()
                .replaceAll(" \\(examples trained per executor: .*\\)$", ""));
        assertTrue(!java.nio.file.Files.exists(new Outputs(out).run("r1")), "a run that did not train is not published");
    }
}
