package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline on sprites with known factors, as the multi-process tests run it, and the bars every sprites run
 * is held to: the model must learn (held-out negative ELBO well below its value at initialization), encode position
 * linearly in its latents, and beat the PCA baseline. (On local[2] it ran too, until the two-executor runs of
 * LocalClusterTest, which hold both trainers to the same bars, made it a repeat.)
 */
final class SpritesPipeline {
    /**
     * Epochs to the bars. Gradient sharing moves less per epoch here than averaging (threshold-encoded updates; its
     * validation neg_elbo after 6 epochs was 72-98 where averaging's was 62), and at 6 it once ended just below
     * PCA's mean probe_r2 (0.449 against 0.493).
     */
    static int epochs(String trainer) {
        return "sharing".equals(trainer) ? 10 : 6;
    }

    static final int FACTOR_X = 3;
    static final int FACTOR_Y = 4;

    private SpritesPipeline() {
    }

    static String[] pipeline(Path out, String runId, String trainer, String... extra) {
        return pipeline(out, "local[2]", runId, trainer, List.of(), extra);
    }

    /** The pipeline on {@code master}, with Spark settings {@code conf} (each KEY=VALUE) and config {@code extra}. */
    static String[] pipeline(Path out, String master, String runId, String trainer, List<String> conf,
                             String... extra) {
        List<String> args = new ArrayList<>(List.of("pipeline", "--output", out.toString(), "--master", master,
                "--run-id", runId, "--config", TestConfigs.sprites().toString(), "--set", "train.trainer=" + trainer,
                "--set", "train.epochs=" + epochs(trainer)));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        for (String c : conf) {
            args.add("--conf");
            args.add(c);
        }
        return args.toArray(String[]::new);
    }

    /**
     * The images' same-run baseline, PCA with the model's latent size: its rows are there, and the VAE's latents
     * predict the sprites' factors better, on average over the five, than PCA's.
     */
    static void assertBeatsThePcaBaseline(Map<String, Double> eval) {
        for (String metric : List.of("reconstruction", "active_units", "mig")) {
            Double value = eval.get(Outputs.key("pca", "test", metric, null, null));
            assertTrue(value != null && Double.isFinite(value), "pca " + metric + ": " + value);
        }
        double vae = 0;
        double pca = 0;
        for (int factor = 0; factor < 5; factor++) {
            vae += eval.get(Outputs.key("vae", "test", "probe_r2", factor, null)) / 5;
            pca += eval.get(Outputs.key("pca", "test", "probe_r2", factor, null)) / 5;
        }
        System.out.printf("SpritesPipeline: mean probe_r2 vae %.3f, pca %.3f; reconstruction vae %.2f, pca %.2f%n",
                vae, pca, eval.get(Outputs.key("vae", "test", "reconstruction", null, null)),
                eval.get(Outputs.key("pca", "test", "reconstruction", null, null)));
        assertTrue(vae > pca, "mean probe_r2 of the VAE " + vae + " vs PCA's " + pca);
    }

    /** The bars every sprites run is held to, wherever it trained, and the outputs a complete run has. */
    static void assertLearnedWithCompleteOutputs(Path out, String runId, String trainer) {
        Outputs outputs = new Outputs(out);
        Map<String, Double> eval = outputs.evaluation(runId);

        double initial = eval.get(Outputs.key("vae", "validation", "neg_elbo", null, 0));
        double trained = eval.get(Outputs.key("vae", "validation", "neg_elbo", null, epochs(trainer)));
        assertTrue(trained <= 0.8 * initial, "held-out neg_elbo " + initial + " -> " + trained);
        double testElbo = eval.get(Outputs.key("vae", "test", "neg_elbo", null, null));
        assertTrue(testElbo <= 0.8 * initial, "test neg_elbo " + testElbo + " vs initial " + initial);

        double probeX = eval.get(Outputs.key("vae", "test", "probe_r2", FACTOR_X, null));
        double probeY = eval.get(Outputs.key("vae", "test", "probe_r2", FACTOR_Y, null));
        assertTrue(probeX >= 0.8, "probe_r2 for x: " + probeX + " " + eval);
        assertTrue(probeY >= 0.8, "probe_r2 for y: " + probeY);
        for (String metric : List.of("reconstruction", "kl", "iwae_nll", "active_units", "spread_eee", "spread_vrm",
                "mig")) {
            assertTrue(eval.containsKey(Outputs.key("vae", "test", metric, null, null)), metric + " missing");
        }
        assertTrue(eval.get(Outputs.key("vae", "test", "iwae_nll", null, null)) <= testElbo + 1e-6,
                "the IWAE bound is at least as tight as the ELBO");

        assertBeatsThePcaBaseline(eval);

        JsonNode dataset = outputs.json(out.resolve("datasets/sprites-test/_manifest.json"));
        Map<String, Long> latents = outputs.latentCounts(runId);
        for (String split : List.of("train", "validation", "test")) {
            assertEquals(dataset.at("/counts/" + split).asLong(), latents.get(split), split + " latents rows");
        }
        // The baseline's latents: every image once, model pca, k values each, the factors beside them.
        var pca = Outputs.spark().read().parquet(outputs.run(runId).resolve("baseline_latents").toString());
        long images = latents.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(images, pca.where(pca.col("model").equalTo("pca")).select("id").distinct().count());
        assertEquals(images, pca.count());
        int k = outputs.json(outputs.run(runId).resolve("manifest.json")).at("/model/latent_dim").asInt();
        assertEquals(0, pca.where(org.apache.spark.sql.functions.size(pca.col("z_mean")).notEqual(k)
                .or(pca.col("factors").isNull())).count(), "pca latents of " + k + " values, with factors");

        assertTrue(!java.nio.file.Files.exists(outputs.run(runId).resolve(".scratch")),
                "exported minibatches must not outlive training");
        JsonNode manifest = outputs.json(outputs.run(runId).resolve("manifest.json"));
        assertEquals("complete", manifest.get("status").asText());
        assertEquals(trainer, manifest.at("/config/train/trainer").asText());
        assertEquals(42, manifest.get("seed").asLong());
        // train.search.candidates = auto (the default) trains one image model, and the manifest says what it chose.
        assertEquals(0, manifest.at("/search/candidates").asInt(-1));
        assertTrue(manifest.at("/search/automatic").asBoolean(false), "search.automatic of auto's choice");
        for (String field : List.of("/versions/spark", "/versions/dl4j", "/git_commit", "/timings_s/train",
                "/timings_s/embed", "/timings_s/evaluate", "/timings_s/report", "/row_counts/latents/train",
                "/row_counts/evaluation/rows", "/row_counts/baseline_latents/pca", "/model/latent_dim",
                "/dataset/name")) {
            assertTrue(!manifest.at(field).isMissingNode(), field + " missing from the run manifest");
        }
    }
}
