package org.latentspark.jobs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.TestSpark;

/** The evaluation's ELBO terms and latent geometry on hand-made rows of the scores table. */
class ScoresTableMetricsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("scores-table-metrics-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void elboTermsAreMeansPerSplitAndKlPerDimension() {
        Dataset<Row> scores = table(List.of(
                score("test", "a", 10.0, 2.0, new double[] {1.5, 0.5}, new double[] {0, 0}, null, 11.0),
                score("test", "b", 20.0, 4.0, new double[] {3.5, 0.5}, new double[] {0, 0}, null, null),
                score("train", "c", 6.0, 1.0, new double[] {1.0, 0.0}, new double[] {0, 0}, null, null)));
        Map<String, Double> m = byKey(ElboTerms.perSplit(scores, "vae"));
        assertEquals(15.0, m.get("test/reconstruction"));
        assertEquals(3.0, m.get("test/kl"));
        assertEquals(18.0, m.get("test/neg_elbo"));
        assertEquals(2.5, m.get("test/kl_dim/0"));
        assertEquals(0.5, m.get("test/kl_dim/1"));
        assertEquals(11.0, m.get("test/iwae_nll"), "the mean over the examples that have one");
        assertEquals(7.0, m.get("train/neg_elbo"));
        assertFalse(m.containsKey("train/iwae_nll"), "no train example has an importance-weighted bound");
    }

    @Test
    void latentGeometryCountsActiveUnitsAndProbesKnownFactors() {
        // z0 follows the factor exactly (train and test); z1 is a constant: one active unit, probe R² 1.
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double f = (i % 10) / 10.0;
            String split = i < 20 ? "train" : "test";
            rows.add(score(split, String.format("%02d", i), 1, 1, new double[] {1, 0}, new double[] {2 * f - 1, 0.3},
                    new float[] {(float) f}, null));
        }
        Map<String, Double> m = byKey(new LatentGeometry(RunConfig.load(null, List.of()).evaluate())
                .metrics(table(rows), "vae"));
        assertEquals(1.0, m.get("test/active_units"));
        assertEquals(1.0, m.get("test/probe_r2/0"), 1e-9);
        assertTrue(m.containsKey("test/mig"), m.toString());
    }

    @Test
    void withoutFactorsThereIsNoProbe() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(score("test", "d" + i, 1, 1, new double[] {1, 1}, new double[] {i, -i}, null, null));
        }
        Map<String, Double> m = byKey(new LatentGeometry(RunConfig.load(null, List.of()).evaluate())
                .metrics(table(rows), "prodlda"));
        assertEquals(2.0, m.get("test/active_units"));
        assertFalse(m.keySet().stream().anyMatch(k -> k.contains("probe") || k.contains("mig")), m.toString());
    }

    /** A collapsed posterior (every z the same) and a constant factor: what is undefined is left out, not fatal. */
    @Test
    void undefinedGeometryIsLeftOutNotFatal() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(score(i < 20 ? "train" : "test", String.format("%02d", i), 1, 0, new double[] {0, 0},
                    new double[] {0.5, 0.5}, new float[] {1f}, null));
        }
        Map<String, Double> m = byKey(new LatentGeometry(RunConfig.load(null, List.of()).evaluate())
                .metrics(table(rows), "vae"));
        assertEquals(Map.of("test/active_units", 0.0), m);
    }

    private static Row score(String split, String id, double nll, double kl, double[] klDim, double[] zMean,
                             float[] factors, Double iwae) {
        return RowFactory.create(split, id, nll, kl, boxed(klDim), boxed(zMean),
                factors == null ? null : List.of(factors[0]), iwae);
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static Dataset<Row> table(List<Row> rows) {
        return spark.createDataFrame(rows, ScoresTable.SCHEMA);
    }

    private static Map<String, Double> byKey(List<Metric> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric x : metrics) {
            out.put(x.split() + "/" + x.metric() + (x.dim() == null ? "" : "/" + x.dim()), x.value());
        }
        return out;
    }
}
