package org.latentspark.jobs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.jobs.TestSpark;
import org.latentspark.jobs.modality.JobContext;

/**
 * PCA with two components on 4 × 4 images of two patterns (left half bright or right half bright), optionally with
 * a faint checkerboard and a fainter top-or-bottom shading of either sign, three orthogonal and, over the train
 * split, uncorrelated directions: PCA keeps the pattern and the checkerboard, leaves the shading as its residual,
 * recovers which pattern each image is, and its reconstruction scores equal hand-computed likelihoods.
 */
class PcaBaselineTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("pca-baseline-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /**
     * Image i: pattern bit 0 of i (the bright half at 230, the dark at 20), plus {@code checker} grey levels times a
     * checkerboard of the sign of bit 1, plus {@code shading} grey levels on the top rows and minus on the bottom ones,
     * of the sign of bit 2. Every run of 8 images holds each combination once, and every fourth run is test images:
     * each split is balanced and its three directions uncorrelated. Factor 0 is the pattern.
     */
    private static Dataset<Row> images(int n, int checker, int shading) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String split = (i / 8) % 4 == 3 ? "test" : "train";
            rows.add(RowFactory.create("img-" + i, 4, 4, 1, pixels(i, checker, shading), null,
                    new float[] {i % 2}, split));
        }
        return spark.createDataFrame(rows, ImageSchema.SHARD);
    }

    private static byte[] pixels(int i, int checker, int shading) {
        byte[] pixels = new byte[16];
        int checkerSign = (i >> 1) % 2 == 0 ? 1 : -1;
        int shadingSign = (i >> 2) % 2 == 0 ? 1 : -1;
        for (int p = 0; p < 16; p++) {
            int board = (p % 4 + p / 4) % 2 == 0 ? 1 : -1;
            int top = p / 4 < 2 ? 1 : -1;
            pixels[p] = (byte) (((p % 4 < 2) == (i % 2 == 0) ? 230 : 20) + checkerSign * board * checker
                    + shadingSign * top * shading);
        }
        return pixels;
    }

    private static Map<String, Double> metrics(String likelihood, int checker, int shading) {
        RunConfig config = RunConfig.load(null, List.of("dataset.format=sprites", "model.name=vae",
                "model.latent-dim=2", "model.likelihood=" + likelihood));
        JobContext ctx = JobContext.create(spark, "/tmp/unused", config, line -> { });
        List<Row> latents = new ArrayList<>();
        List<Metric> metrics = PcaBaseline.metrics(ctx, images(160, checker, shading),
                new ImageBatch.Geometry(4, 4, 1, 2), table -> latents.addAll(table.collectAsList()));
        // The latents handed on for the baseline's table: every image once, k values, its factors.
        assertEquals(160, latents.size());
        assertEquals(160, latents.stream().map(r -> r.<String>getAs("id")).distinct().count());
        for (Row r : latents) {
            assertEquals(2, r.getList(r.fieldIndex("z_mean")).size());
            assertEquals(List.of(Integer.parseInt(r.<String>getAs("id").substring(4)) % 2 * 1f),
                    r.getList(r.fieldIndex("factors")));
        }
        return metrics.stream().collect(Collectors.toMap(m -> m.split() + "/" + m.metric() + "/" + m.dim(),
                Metric::value));
    }

    private static double entropy(double p) {
        return -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    }

    @Test
    void pcaRecoversThePatternAndReconstructsImagesInItsSpanExactly() {
        Map<String, Double> m = metrics("bernoulli", 10, 0);
        assertEquals(1.0, m.get("test/probe_r2/0"), 1e-9, m.toString());
        assertEquals(2.0, m.get("test/active_units/null"), m.toString());
        // Exact reconstruction: each pixel's Bernoulli NLL is the entropy of its own grey level, averaged here over
        // one run of 8 test images (every test run is the same 8 images).
        double expected = 0;
        for (int p : new int[] {24, 25, 26, 27, 28, 29, 30, 31}) {
            double image = 0;
            for (byte b : pixels(p, 10, 0)) {
                image += entropy((b & 0xFF) / 255.0);
            }
            expected += image / 8;
        }
        assertEquals(expected, m.get("test/reconstruction/null"), 1e-5);
    }

    @Test
    void aGaussianLikelihoodFitsItsNoiseToTheResiduals() {
        Map<String, Double> m = metrics("gaussian", 10, 5);
        assertEquals(1.0, m.get("test/probe_r2/0"), 1e-9, m.toString());
        assertEquals(2.0, m.get("test/active_units/null"), m.toString());
        // The residual is the shading, ±5/255 at every pixel: σ² = (5/255)², and each image's NLL is
        // 16 (5/255)² / (2σ²) + 16 · ½ ln(2πσ²) = 8 + 8 ln(2πσ²).
        double variance = Math.pow(5 / 255.0, 2);
        assertEquals(8 + 8 * Math.log(2 * Math.PI * variance), m.get("test/reconstruction/null"), 1e-4);
    }
}
