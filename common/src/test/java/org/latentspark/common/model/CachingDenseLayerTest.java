package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The caching dense layer computes what DL4J's dense layer computes: outputs, score and every gradient. */
class CachingDenseLayerTest {

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "RELU", "ELU", "TANH"})
    void matchesDl4jsDenseLayerForwardAndBack(Activation activation) {
        ComputationGraph dl4j = graph(false, activation);
        ComputationGraph caching = graph(true, activation);
        assertEquals(dl4j.numParams(), caching.numParams());
        caching.setParams(dl4j.params());
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 7).muli(2);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 5, 3);

        assertTrue(dl4j.outputSingle(x).equalsWithEps(caching.outputSingle(x), 1e-12));
        for (ComputationGraph g : new ComputationGraph[] {dl4j, caching}) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), caching.score(), 1e-12);
        INDArray expected = dl4j.gradient().gradient();
        INDArray actual = caching.gradient().gradient();
        assertTrue(expected.equalsWithEps(actual, 1e-10), () -> activation + ": gradients differ by "
                + expected.sub(actual).amaxNumber());
        // A second step from new parameters: nothing stale is kept from the first pass.
        caching.fit(new INDArray[] {x}, new INDArray[] {y});
        dl4j.fit(new INDArray[] {x}, new INDArray[] {y});
        assertTrue(dl4j.params().equalsWithEps(caching.params(), 1e-10));
    }

    /** x → dense(7 → 6, activation; its input gradient not needed) → dense(6 → 4) → dense(4 → 3) → MSE. */
    private static ComputationGraph graph(boolean caching, Activation activation) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("x")
                .addLayer("first", caching ? new CachingDenseLayer(6, activation).withoutInputGradient()
                        : new DenseLayer.Builder().nOut(6).activation(activation).build(), "x")
                .addLayer("second", caching ? new CachingDenseLayer(4, activation)
                        : new DenseLayer.Builder().nOut(4).activation(activation).build(), "first")
                .addLayer("third", caching ? new CachingDenseLayer(3, Activation.IDENTITY)
                        : new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "second")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "third")
                .setOutputs("loss")
                .setInputTypes(InputType.feedForward(7));
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return graph;
    }
}
