package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.latentspark.common.model.likelihood.MultinomialLikelihood;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class TopicPosteriorModeTest {
    /** A prior so wide that the mode is the maximum-likelihood θ. */
    private static GaussianPrior flat(int k) {
        double[] variance = new double[k];
        java.util.Arrays.fill(variance, 1e8);
        return new GaussianPrior(new double[k], variance);
    }

    /**
     * Two topics that each raise one of two words' logits by 4: p(word 0 | θ) = σ(4·(θ₀ − θ₁)). A document of 3 and
     * 1 needs p = 3/4, so θ₀ = (1 + ln 3 / 4) / 2 = 0.63733.
     */
    @Test
    void findsTheMaximumLikelihoodProportionsOfAHandComputedCase() {
        TopicPosteriorMode mode = new TopicPosteriorMode(Nd4j.createFromArray(new double[][] {{4, 0}, {0, 4}}),
                Nd4j.zeros(DataType.DOUBLE, 2), flat(2), 300, 0.1);
        INDArray z = mode.from(Nd4j.zeros(DataType.DOUBLE, 1, 2), Nd4j.createFromArray(new double[][] {{3, 1}}));
        double theta0 = Transforms.softmax(z, true).getDouble(0, 0);
        assertEquals((1 + Math.log(3) / 4) / 2, theta0, 1e-4);
    }

    /**
     * Random topics, a Dirichlet prior and documents: in 200 steps the result beats the start, comes within 0.01 nats
     * of where 2,000 steps get, and no step of 0.01 in any z_k gains more than that.
     */
    @Test
    void reachesALocalMaximumAboveTheStart() {
        Random random = new Random(7);
        Nd4j.getRandom().setSeed(7);
        int k = 5;
        int v = 40;
        int n = 6;
        INDArray effects = Nd4j.randn(DataType.DOUBLE, k, v).muli(2);
        INDArray background = Nd4j.randn(DataType.DOUBLE, 1, v);
        INDArray counts = Nd4j.zeros(DataType.DOUBLE, n, v);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < 20 + 10 * i; t++) {
                int w = random.nextInt(v);
                counts.putScalar(i, w, counts.getDouble(i, w) + 1);
            }
        }
        GaussianPrior prior = GaussianPrior.symmetricDirichletLaplace(k, 0.5);
        TopicPosteriorMode mode = new TopicPosteriorMode(effects, background, prior, 200, 0.1);
        INDArray start = Nd4j.randn(DataType.DOUBLE, n, k);
        INDArray z = mode.from(start, counts);
        double[] before = mode.objective(start, counts).toDoubleVector();
        double[] after = mode.objective(z, counts).toDoubleVector();
        double[] longer = mode.objective(new TopicPosteriorMode(effects, background, prior, 2000, 0.1)
                .from(start, counts), counts).toDoubleVector();
        double[] gradient = mode.gradient(z, counts, counts.sum(true, 1)).norm2(1).toDoubleVector();
        double[] startGradient = mode.gradient(start, counts, counts.sum(true, 1)).norm2(1).toDoubleVector();
        for (int i = 0; i < n; i++) {
            assertTrue(after[i] > before[i], "document " + i + ": " + before[i] + " -> " + after[i]);
            assertTrue(after[i] > longer[i] - 1e-2, "document " + i + ": " + after[i] + " in 200 steps, " + longer[i]
                    + " in 2,000");
            assertTrue(gradient[i] < 1e-2 * startGradient[i], "document " + i + ": gradient norm " + startGradient[i]
                    + " at the start, " + gradient[i] + " at the mode");
            for (int j = 0; j < k; j++) {
                for (double delta : new double[] {-1e-2, 1e-2}) {
                    INDArray moved = z.getRow(i, true).dup();
                    moved.putScalar(0, j, moved.getDouble(0, j) + delta);
                    double nearby = mode.objective(moved, counts.getRow(i, true)).getDouble(0);
                    assertTrue(nearby <= after[i] + 1e-2, "document " + i + ", z_" + j + " + " + delta + ": "
                            + nearby + " above the mode's " + after[i]);
                }
            }
        }
    }

    /** The analytic gradient against central differences of the objective. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Nd4j.getRandom().setSeed(8);
        int k = 4;
        int v = 12;
        INDArray effects = Nd4j.randn(DataType.DOUBLE, k, v);
        INDArray background = Nd4j.randn(DataType.DOUBLE, 1, v);
        INDArray counts = Nd4j.rand(DataType.DOUBLE, 2, v).muli(5).castTo(DataType.INT32).castTo(DataType.DOUBLE);
        TopicPosteriorMode mode = new TopicPosteriorMode(effects, background,
                GaussianPrior.symmetricDirichletLaplace(k, 1.0), 1, 0.1);
        INDArray z = Nd4j.randn(DataType.DOUBLE, 2, k);
        INDArray analytic = mode.gradient(z, counts, counts.sum(true, 1));
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < k; j++) {
                INDArray up = z.dup();
                up.putScalar(i, j, up.getDouble(i, j) + h);
                INDArray down = z.dup();
                down.putScalar(i, j, down.getDouble(i, j) - h);
                double numeric = (mode.objective(up, counts).getDouble(i) - mode.objective(down, counts).getDouble(i))
                        / (2 * h);
                assertEquals(numeric, analytic.getDouble(i, j), 1e-5 * Math.max(1, Math.abs(numeric)));
            }
        }
    }

    @Test
    void zeroStepsReturnTheStart() {
        INDArray start = Nd4j.createFromArray(new double[][] {{0.3, -0.2}});
        INDArray z = new TopicPosteriorMode(Nd4j.eye(2).castTo(DataType.DOUBLE), Nd4j.zeros(DataType.DOUBLE, 2),
                flat(2), 0, 0.1).from(start, Nd4j.createFromArray(new double[][] {{5, 0}}));
        assertEquals(start, z);
    }

    @Test
    void badShapesNameWhatWasGiven() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TopicPosteriorMode(Nd4j.zeros(3, 10),
                Nd4j.zeros(9), flat(3), 10, 0.1));
        assertTrue(e.getMessage().contains("[3, 10]") && e.getMessage().contains("9"), e.getMessage());
        TopicPosteriorMode mode = new TopicPosteriorMode(Nd4j.zeros(3, 10), Nd4j.zeros(10), flat(3), 10, 0.1);
        e = assertThrows(IllegalArgumentException.class, () -> mode.from(Nd4j.zeros(2, 3), Nd4j.zeros(2, 11)));
        assertTrue(e.getMessage().contains("[2, 11]"), e.getMessage());
    }

    /**
     * On a trained ProdLDA graph, with and without batch norm: the decoder's logits are affine in θ (what the mode's
     * gradient assumes), and the mode from the encoder's mean fits the documents' words and the prior better than the
     * encoder's mean does.
     */
    @Test
    void onAGraphTheModeFitsTheDocumentBetterThanTheEncoder() {
        int k = TopicVaeGraphTest.TOPICS;
        Nd4j.getRandom().setSeed(9);
        for (boolean batchNorm : new boolean[] {true, false}) {
            ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(TopicVaeGraphTest.VOCABULARY, k,
                    List.of(16), 0.2, 1.0, 0.99, batchNorm), 5, 1e-2);
            Random random = new Random(5);
            for (int step = 0; step < 20; step++) {
                graph.fit(TopicVaeGraphTest.documents(32, random));
            }
            TopicVaeInference inference = new TopicVaeInference(graph);
            INDArray effects = inference.topicWordEffects();
            INDArray zero = inference.logWordProbabilities(Nd4j.zeros(DataType.FLOAT, 1, k));
            INDArray theta = Transforms.softmax(Nd4j.randn(DataType.FLOAT, 8, k), true);
            assertArrayEquals(inference.logWordProbabilities(theta).data().asDouble(),
                    MultinomialLikelihood.logSoftmax(theta.mmul(effects).addiRowVector(zero)).data().asDouble(),
                    1e-4, "batch norm " + batchNorm);

            MultiDataSet data = TopicVaeGraphTest.documents(8, random);
            INDArray counts = data.getLabels(0).get(NDArrayIndex.all(),
                    NDArrayIndex.interval(0, TopicVaeGraphTest.VOCABULARY));
            TopicVaeInference.Posterior posterior = inference.posterior(data.getFeatures(0));
            TopicPosteriorMode mode = new TopicPosteriorMode(effects, zero, inference.elbo().prior(), 50, 0.1);
            INDArray z = mode.from(posterior.zMean(), counts);
            double[] before = mode.objective(posterior.zMean(), counts).toDoubleVector();
            double[] after = mode.objective(z, counts).toDoubleVector();
            for (int i = 0; i < 8; i++) {
                assertTrue(after[i] > before[i], "batch norm " + batchNorm + ", document " + i + ": " + before[i]
                        + " -> " + after[i]);
            }
            INDArray refined = inference.posteriorMode(posterior, counts, 50);
            assertArrayEquals(Transforms.softmax(z, true).data().asDouble(), refined.data().asDouble(), 1e-5);
            assertEquals(posterior.theta(), inference.posteriorMode(posterior, counts, 0));
        }
    }
}
