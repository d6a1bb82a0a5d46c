package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

class TopicVaeGraphTest {
    static final int VOCABULARY = 30;
    static final int TOPICS = 3;
    static final TopicVaeArchitecture ARCH =
            new TopicVaeArchitecture(VOCABULARY, TOPICS, List.of(32, 32), 0.2, 1.0, 0.99, true);

    /**
     * Documents of 60 words; topic t is spread evenly over words 10t..10t+9, and each document mixes two random
     * topics in a random proportion. Input: their words and counts ({@link WordBagInput}); labels: the counts, then the
     * KL weight 1.
     */
    static MultiDataSet documents(int n, Random random) {
        INDArray x = Nd4j.zeros(n, VOCABULARY);
        for (int i = 0; i < n; i++) {
            int first = random.nextInt(TOPICS);
            int second = random.nextInt(TOPICS);
            double share = random.nextDouble();
            for (int w = 0; w < 60; w++) {
                int topic = random.nextDouble() < share ? first : second;
                int word = 10 * topic + random.nextInt(10);
                x.putScalar(i, word, x.getDouble(i, word) + 1);
            }
        }
        INDArray eps = Nd4j.randn(random.nextLong(), new long[] {n, TOPICS});
        return new MultiDataSet(new INDArray[] {WordBagInput.ofDense(x), eps},
                new INDArray[] {Nd4j.hstack(x, Nd4j.ones(n, 1))});
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = TopicVaeGraph.configuration(ARCH, 1, 1e-3);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(ARCH.prior(), ElboLoss.of(back).prior());
    }

    @Test
    void fittingLowersTheNegativeElboAndFindsTheTopics() {
        ComputationGraph graph = TopicVaeGraph.build(ARCH, 3, 1e-2);
        Random random = new Random(3);
        MultiDataSet heldOut = documents(256, random);
        double before = graph.score(heldOut);
        for (int step = 0; step < 60; step++) {
            graph.fit(documents(64, random));
        }
        double after = graph.score(heldOut);
        assertTrue(after < 0.88 * before, "negative ELBO per document " + before + " -> " + after);
        // Each learned topic raises one block of 10 words most, a different block for each topic: by its effects
        // through the batch norm, not by raw B, whose columns batch norm rescales freely.
        INDArray b = new TopicVaeInference(graph).topicWordEffects();
        Set<Integer> blocks = new HashSet<>();
        for (int k = 0; k < TOPICS; k++) {
            double[] blockMeans = new double[TOPICS];
            for (int t = 0; t < TOPICS; t++) {
                blockMeans[t] = b.get(NDArrayIndex.point(k), NDArrayIndex.interval(10 * t, 10 * t + 10))
                        .meanNumber().doubleValue();
            }
            int best = 0;
            for (int t = 1; t < TOPICS; t++) {
                best = blockMeans[t] > blockMeans[best] ? t : best;
            }
            for (int t = 0; t < TOPICS; t++) {
                assertTrue(t == best || blockMeans[best] > blockMeans[t] + 0.3, "topic " + k + ": " + b.getRow(k));
            }
            blocks.add(best);
        }
        assertEquals(TOPICS, blocks.size(), "topic-word matrix " + b);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void inferenceGivesThetaTopicsAndTheWordDistributionTheGraphScores(boolean batchNorm) {
        ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(VOCABULARY, TOPICS, List.of(32, 32), 0.2,
                1.0, 0.99, batchNorm), 4, 1e-2);
        Random random = new Random(4);
        for (int step = 0; step < 3; step++) {
            graph.fit(documents(32, random));
        }
        MultiDataSet data = documents(5, random);
        TopicVaeInference inference = new TopicVaeInference(graph);
        TopicVaeInference.Posterior posterior = inference.posterior(data.getFeatures(0));
        assertArrayEquals(new long[] {5, TOPICS}, posterior.theta().shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, posterior.theta().sum(1).toDoubleVector(), 1e-5);
        assertEquals(Transforms.softmax(posterior.zMean(), true), posterior.theta());
        assertArrayEquals(new long[] {TOPICS, VOCABULARY}, inference.topicWord().shape());
        // Each topic's effect on the word logits: B_kv scaled by batch norm's γ_v / √(running variance_v + ε).
        INDArray expected = inference.topicWord();
        if (batchNorm) {
            Layer norm = graph.getLayer(TopicVaeGraph.TOPIC_WORD);
            INDArray variance = norm.getParam(TopicWordParams.RUNNING_VARIANCE);
            expected.muliRowVector(norm.getParam("gamma")
                    .div(Transforms.sqrt(variance.add(TopicWordLayer.DEFAULT_EPS))));
        }
        assertArrayEquals(expected.data().asDouble(), inference.topicWordEffects().data().asDouble(), 1e-4);
        // With ε = 0 the graph decodes θ = softmax(μ): its word logits give the same distribution.
        INDArray decoded = graph.feedForward(new INDArray[] {data.getFeatures(0), Nd4j.zeros(5, TOPICS)}, false)
                .get(VaeGraphNodes.DECODED_STATS).get(NDArrayIndex.all(), NDArrayIndex.interval(0, VOCABULARY));
        INDArray words = inference.wordDistribution(posterior.theta());
        assertArrayEquals(Transforms.softmax(decoded, true).data().asDouble(), words.data().asDouble(), 1e-5);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, words.sum(1).toDoubleVector(), 1e-5);
    }

    /** Annealed to w: each topic's effect is w·γ·B/σ + (1 − w)·B; at w = 0 the raw topic-word weights B. */
    @Test
    void anAnnealedBatchNormMixesNormalizedAndRawLogits() {
        ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(VOCABULARY, TOPICS, List.of(16), 0.2,
                1.0, 0.99, true, true), 6, 1e-2);
        Random random = new Random(6);
        for (int step = 0; step < 3; step++) {
            TopicVaeGraph.setBatchNormWeight(graph, 1 - step / 3.0);
            graph.fit(documents(32, random));
        }
        TopicVaeInference inference = new TopicVaeInference(graph);
        Layer layer = graph.getLayer(TopicVaeGraph.TOPIC_WORD);
        INDArray normalized = inference.topicWord().muliRowVector(layer.getParam("gamma").div(Transforms.sqrt(
                layer.getParam(TopicWordParams.RUNNING_VARIANCE).add(TopicWordLayer.DEFAULT_EPS))));
        TopicVaeGraph.setBatchNormWeight(graph, 0.25);
        INDArray expected = normalized.mul(0.25).addi(inference.topicWord().muli(0.75));
        assertArrayEquals(expected.data().asDouble(), inference.topicWordEffects().data().asDouble(), 1e-4);
        TopicVaeGraph.setBatchNormWeight(graph, 0);
        assertArrayEquals(inference.topicWord().data().asDouble(), inference.topicWordEffects().data().asDouble(),
                1e-5);
        assertThrows(IllegalArgumentException.class, () -> TopicVaeGraph.setBatchNormWeight(graph, 1.5));
    }

    @Test
    void scoreIsTheMeanOfTheInferredNllPlusKlUnderTheDirichletPrior() {
        ComputationGraph graph = TopicVaeGraph.build(
                new TopicVaeArchitecture(VOCABULARY, TOPICS, List.of(16), 0.2, 0.3, 0.9, true), 5, 1e-2);
        Random random = new Random(5);
        graph.fit(documents(32, random));
        MultiDataSet data = documents(6, random);
        VaeInference.Pass pass = new TopicVaeInference(graph).elbo().forward(data.getFeatures(0), data.getFeatures(1),
                data.getLabels(0).get(NDArrayIndex.all(), NDArrayIndex.interval(0, VOCABULARY)));
        double expected = pass.nll().add(pass.kl()).meanNumber().doubleValue();
        assertEquals(expected, graph.score(data), 1e-4 * Math.abs(expected));
    }

    @Test
    void survivesSaveAndRestore() throws IOException {
        ComputationGraph graph = TopicVaeGraph.build(ARCH, 6, 1e-2);
        Random random = new Random(6);
        graph.fit(documents(32, random));
        MultiDataSet data = documents(4, random);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertEquals(graph.feedForward(data.getFeatures(), false).get(VaeGraphNodes.DECODED_STATS),
                restored.feedForward(data.getFeatures(), false).get(VaeGraphNodes.DECODED_STATS));
        assertEquals(graph.score(data), restored.score(data), 0.0);
        assertEquals(new TopicVaeInference(graph).topicWord(), new TopicVaeInference(restored).topicWord());
    }

    /** The posterior's batch norm learns its shift but not its scale (it would shrink, collapsing the posterior). */
    @Test
    void posteriorBatchNormKeepsUnitScaleThroughTrainingAndRestore() throws IOException {
        ComputationGraph graph = TopicVaeGraph.build(ARCH, 9, 1e-2);
        Random random = new Random(9);
        INDArray statsBeta = graph.getLayer(VaeGraphNodes.STATS).getParam("beta").dup();
        INDArray decoderGamma = graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("gamma").dup();
        for (int step = 0; step < 10; step++) {
            graph.fit(documents(32, random));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertTrue(restored.getLayer(VaeGraphNodes.STATS).conf().getLayer() instanceof UnscaledBatchNormalization);
        restored.fit(documents(32, random));
        for (ComputationGraph g : List.of(graph, restored)) {
            Layer stats = g.getLayer(VaeGraphNodes.STATS);
            assertEquals(Nd4j.onesLike(stats.getParam("gamma")), stats.getParam("gamma"));
            assertTrue(stats.getParam("beta").distance1(statsBeta) > 1e-3, "shift β " + stats.getParam("beta"));
            assertTrue(g.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("gamma").distance1(decoderGamma) > 1e-3,
                    "the word logits' batch norm keeps a learned scale");
        }
    }

    @Test
    void fitsAMinibatchOfOne() {
        ComputationGraph graph = TopicVaeGraph.build(ARCH, 8, 1e-3);
        graph.fit(documents(1, new Random(8)));
        assertTrue(Double.isFinite(graph.score()));
    }

    @Test
    void architectureNamesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopicVaeArchitecture(VOCABULARY, 1, List.of(8), 0.2, 1.0, 0.99, true));
        assertEquals("topics must be at least 2, got 1", e.getMessage());
    }
}
