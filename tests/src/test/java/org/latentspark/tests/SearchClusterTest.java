package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/**
 * train.search on Spark's multi-process local mode: eight LFADS candidates, one task each, spread over two executor
 * JVMs in one application; the kept model is the candidate with the best validation co_bps, and every candidate's
 * settings and scores are in the manifest and the evaluation table.
 */
class SearchClusterTest {
    private static final int CANDIDATES = 8;

    @TempDir
    Path out;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void eightCandidatesTrainOnBothExecutorsAndTheBestByValidationCoBpsIsKept() {
        SparkHome.prepare();
        assertEquals(0, LatentSparkCli.run(new String[] {"pipeline", "--output", out.toString(), "--master",
                LocalClusterTest.MASTER, "--conf", LocalClusterTest.EXECUTORS.get(0), "--run-id", "s1",
                "--config", TestConfigs.lorenz().toString(), "--set", "dataset.format=lorenz",
                // A small recording: what a search is for, and quick on one core a candidate.
                "--set", "dataset.name=lorenz-search", "--set", "dataset.lorenz.sessions=1",
                "--set", "dataset.lorenz.conditions=12", "--set", "dataset.lorenz.trials-per-condition=10",
                "--set", "train.batch-size=8", "--set", "train.epochs=8",
                "--set", "train.search.candidates=" + CANDIDATES}));

        Outputs outputs = new Outputs(out);
        JsonNode manifest = outputs.json(outputs.run("s1").resolve("manifest.json"));
        assertEquals("complete", manifest.get("status").asText());
        assertEquals("search", manifest.at("/training/trainer").asText());
        JsonNode search = manifest.get("search");
        assertEquals("co_bps", search.get("metric").asText());
        JsonNode results = search.get("results");
        assertEquals(CANDIDATES, results.size());
        Map<String, Double> eval = outputs.evaluation("s1");
        Set<String> executors = new HashSet<>();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (JsonNode r : results) {
            assertTrue(r.get("failure") == null, r.toString());
            int index = r.get("index").asInt();
            double score = r.get("co_bps").asDouble();
            assertTrue(Double.isFinite(score) && r.get("epochs_trained").asInt() >= 1, r.toString());
            assertEquals(score, eval.get(Outputs.key("lfads_candidate_" + index, "validation", "co_bps", null,
                    null)), 1e-9, "the evaluation table's row of candidate " + index);
            executors.add(r.get("executor").asText());
            if (score > bestScore) {
                best = index;
                bestScore = score;
            }
        }
        assertEquals(Set.of("0", "1"), executors, "candidates ran on both executor JVMs: " + results);
        assertEquals(best, search.get("kept").asInt(), "the kept candidate has the best validation co_bps");
        assertTrue(bestScore >= results.get(0).get("co_bps").asDouble());
        // The kept candidate's settings are the run's training settings in the manifest.
        assertEquals(results.get(best).at("/settings/train.learning-rate").asDouble(),
                manifest.at("/training/learning_rate").asDouble(), 1e-12);

        double coBps = eval.get(Outputs.key("lfads", "test", "co_bps", null, null));
        double smoothing = eval.get(Outputs.key("smoothing", "test", "co_bps", null, null));
        System.out.printf("SearchClusterTest: kept candidate %d, validation co_bps %.3f (candidate 0: %.3f); test "
                + "co_bps %.3f vs smoothing %.3f%n", best, bestScore, results.get(0).get("co_bps").asDouble(), coBps,
                smoothing);
        assertTrue(coBps > 0, "the kept model predicts held-out units better than their mean rates: " + coBps);
    }
}
