package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Every model's backpropagated gradient against finite differences of its negative ELBO, with the noise ε fixed
 * as an input: the reconstruction and KL terms must reach each encoder weight in their true proportion.
 */
class GraphGradientTest {
    static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian"})
    void imageVae(String likelihood) {
        VaeArchitecture arch = new VaeArchitecture(ImageVaeGraph.MLP, 3, 3, 1, 2, List.of(6), List.of(), likelihood,
                0.5);
        Random random = new Random(1);
        INDArray x = Nd4j.rand(4, 9);
        if ("bernoulli".equals(likelihood)) {
            x = x.gt(0.5).castTo(x.dataType());
        }
        MultiDataSet data = new MultiDataSet(new INDArray[] {x, Nd4j.randn(random.nextLong(), new long[] {4, 2})},
                new INDArray[] {Nd4j.hstack(x, Nd4j.ones(4, 1))});
        assertEquals(List.of(), FiniteDifferences.check(ImageVaeGraph.build(arch, 1, 1e-3), data, 6, TOLERANCE));
    }

    @Test
    void sequentialVae() {
        assertEquals(List.of(), FiniteDifferences.check(SequentialVaeGraph.build(SequentialVaeGraphTest.ARCH, 1, 1e-3),
                SequentialVaeGraphTest.rotations(3, new Random(2)), 6, TOLERANCE));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void topicVae(boolean batchNorm) {
        TopicVaeArchitecture arch = new TopicVaeArchitecture(30, 3, List.of(8), 0.0, 1.0, 0.99, batchNorm);
        assertEquals(List.of(), FiniteDifferences.check(TopicVaeGraph.build(arch, 1, 1e-3),
                TopicVaeGraphTest.documents(4, new Random(3)), 6, TOLERANCE));
    }

    /** Halfway through annealing the word logits' batch norm away: both paths carry gradient. */
    @Test
    void topicVaeWithItsBatchNormPartlyAnnealed() {
        ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(30, 3, List.of(8), 0.0, 1.0, 0.99, true,
                true), 1, 1e-3);
        TopicVaeGraph.setBatchNormWeight(graph, 0.4);
        assertEquals(List.of(), FiniteDifferences.check(graph, TopicVaeGraphTest.documents(4, new Random(3)), 6,
                TOLERANCE));
    }
}
