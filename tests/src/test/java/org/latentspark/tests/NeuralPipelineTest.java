package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.config.NeuralDataSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.datasets.neural.LorenzNwbFiles;
import org.latentspark.datasets.neural.LorenzSimulator;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.jobs.neural.NeuralSources;

/**
 * The neural pipeline on Lorenz-driven spiking written as NWB files (read back through the NWB reader) with a
 * truth table, on local[2], with parameter averaging: the factors must linearly recover the true latents and the
 * model must predict held-out neurons better than the Neural Latents Benchmark's smoothing baseline.
 */
class NeuralPipelineTest {
    /**
     * Gradient sharing's epochs for the neural bars. Threshold-encoded updates move the weights less per step than
     * averaging's exact ones, and sharing is asynchronous, so its result varies from run to run: on two executor JVMs,
     * 40 epochs gave latent_r2 0.895 to 0.950 (0.895 in CI, under the 0.9 bar; 0.929, 0.932 and 0.940 since), still
     * improving at epoch 40; 60 epochs reached 0.954 and 0.957 (co_bps 0.636 and 0.646 against the smoothing
     * baseline's 0.562), keeping epochs 58 and 55.
     */
    static final int SHARING_EPOCHS = 60;

    @TempDir
    static Path data;

    @TempDir
    Path out;

    @BeforeAll
    static void writeRecordings() {
        writeRecordings(data);
    }

    /** The test configuration's Lorenz simulation as NWB files under data/nwb and its truth table under data/truth. */
    static void writeRecordings(Path data) {
        // The simulator settings of the test configuration (its format, nwb, needs a path that does not exist yet).
        RunConfig config = RunConfig.load(TestConfigs.lorenz().toString(), List.of("dataset.format=lorenz"));
        NeuralDataSettings.Lorenz l = config.dataset().neural().lorenz();
        LorenzSimulator simulator = NeuralSources.simulator(l, config.seed());
        LorenzSimulator.Simulation sim = simulator.simulate();
        LorenzNwbFiles.write(simulator, sim, l.sessions(), data.resolve("nwb").toString(), new Configuration());
        SparkSession spark = Outputs.spark();
        simulator.writeTruth(spark, sim, l.sessions(), data.resolve("truth").toString());
        spark.stop();
    }

    static String[] pipeline(Path out, String runId, String trainer) {
        List<String> args = new ArrayList<>(List.of("pipeline", "--output", out.toString(), "--master", "local[2]",
                "--run-id", runId, "--config", TestConfigs.lorenz().toString(),
                "--set", "dataset.path=" + data.resolve("nwb"), "--set", "dataset.neural.truth-path=" + data.resolve("truth"),
                "--set", "train.trainer=" + trainer));
        if ("sharing".equals(trainer)) {
            args.addAll(List.of("--set", "train.epochs=" + SHARING_EPOCHS));
        }
        return args.toArray(String[]::new);
    }

    /** Gradient sharing is held to the same bars on two executor JVMs, in StandaloneClusterTest. */
    @Test
    void recoversLatentsAndBeatsTheSmoothingBaseline() {
        assertEquals(0, LatentSparkCli.run(pipeline(out, "n1", "averaging")));
        assertRecoveredLatentsAndBeatBaseline(out, "n1", "averaging");
        ReportInBrowser.check(new Outputs(out), "n1", "neural", 10);
    }

    /** The neural bars, wherever the run trained, and a complete run's outputs. */
    static void assertRecoveredLatentsAndBeatBaseline(Path out, String runId, String trainer) {
        Outputs outputs = new Outputs(out);
        Map<String, Double> eval = outputs.evaluation(runId);

        double latentR2 = eval.get(Outputs.key("lfads", "test", "latent_r2", null, null));
        double coBps = eval.get(Outputs.key("lfads", "test", "co_bps", null, null));
        double smoothing = eval.get(Outputs.key("smoothing", "test", "co_bps", null, null));
        System.out.printf("NeuralPipelineTest[%s]: latent_r2 %.3f, co_bps %.3f vs smoothing %.3f%n", trainer, latentR2,
                coBps, smoothing);
        assertTrue(latentR2 >= 0.9, "latent_r2 " + latentR2 + " " + eval);
        assertTrue(coBps > smoothing, "co_bps " + coBps + " vs smoothing baseline " + smoothing);
        for (String metric : List.of("psth_r2", "rate_corr", "neg_elbo", "kl", "active_units")) {
            assertTrue(eval.containsKey(Outputs.key("lfads", "test", metric, null, null)), metric + " missing");
        }
        assertTrue(eval.containsKey(Outputs.key("smoothing", "test", "psth_r2", null, null)));

        JsonNode dataset = outputs.json(out.resolve("datasets/lorenz-test/_manifest.json"));
        assertEquals(0, dataset.at("/shape/dropped_spikes").asLong());
        int bins = dataset.at("/shape/bins").asInt();
        Map<String, Long> latents = outputs.latentCounts(runId);
        for (String split : List.of("train", "validation", "test")) {
            assertEquals(dataset.at("/counts/" + split).asLong() * bins, latents.get(split), split + " latents rows");
        }
        JsonNode manifest = outputs.json(outputs.run(runId).resolve("manifest.json"));
        assertEquals("complete", manifest.get("status").asText());
    }
}
