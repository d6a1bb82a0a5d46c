package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class ImageVaeGraphTest {

    private static VaeArchitecture arch(String model) {
        return new VaeArchitecture(model, 8, 8, 1, 3, List.of(32), List.of(4, 8), "bernoulli", 0.1);
    }

    /** Bars images: one random row or column lit per image, a dataset with a simple latent structure. */
    private static MultiDataSet bars(int n, int latentDim, Random random) {
        INDArray x = Nd4j.zeros(n, 64);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(8);
            boolean row = random.nextBoolean();
            for (int j = 0; j < 8; j++) {
                x.putScalar(i, row ? k * 8 + j : j * 8 + k, 1.0);
            }
        }
        INDArray eps = Nd4j.randn(random.nextLong(), new long[] {n, latentDim});
        INDArray labels = Nd4j.hstack(x, Nd4j.ones(n, 1));
        return new MultiDataSet(new INDArray[] {x, eps}, new INDArray[] {labels});
    }

    @ParameterizedTest
    @ValueSource(strings = {ImageVaeGraph.MLP, ImageVaeGraph.CONV})
    void configurationSurvivesJsonRoundTrip(String model) {
        ComputationGraphConfiguration conf = ImageVaeGraph.configuration(arch(model), 1, 1e-3);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
    }

    @ParameterizedTest
    @ValueSource(strings = {ImageVaeGraph.MLP, ImageVaeGraph.CONV})
    void fittingLowersTheNegativeElbo(String model) {
        ComputationGraph graph = ImageVaeGraph.build(arch(model), 7, 3e-3);
        Random random = new Random(7);
        MultiDataSet heldOut = bars(256, 3, random);
        double before = graph.score(heldOut);
        for (int step = 0; step < 150; step++) {
            graph.fit(bars(64, 3, random));
        }
        double after = graph.score(heldOut);
        assertTrue(Double.isFinite(after));
        assertTrue(after < 0.7 * before, "negative ELBO per example " + before + " -> " + after);
    }

    @ParameterizedTest
    @ValueSource(strings = {ImageVaeGraph.MLP, ImageVaeGraph.CONV})
    void fitsAMinibatchOfOne(String model) {
        // A dataset's last minibatch can hold a single example (strided_slice's backprop used to fail on it).
        ComputationGraph graph = ImageVaeGraph.build(arch(model), 8, 1e-3);
        graph.fit(bars(1, 3, new Random(8)));
        assertTrue(Double.isFinite(graph.score()));
    }
}
