package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BatchNormRecalibrationTest {
    /** DL4J's default batch norm ε. */
    private static final double EPS = 1e-5;

    @Test
    void restoresDriftedStatisticsToThoseOfTheData() {
        ComputationGraph graph = TopicVaeGraph.build(TopicVaeGraphTest.ARCH, 9, 1e-2);
        Random random = new Random(9);
        for (int step = 0; step < 3; step++) {
            graph.fit(TopicVaeGraphTest.documents(32, random));
        }
        graph.getLayer(VaeGraphNodes.STATS).getParam("mean").assign(5);
        graph.getLayer(VaeGraphNodes.STATS).getParam("log10stdev").assign(2);
        graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("mean").assign(5);
        graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("var").assign(100);
        MultiDataSet sample = TopicVaeGraphTest.documents(200, random);

        assertEquals(2, BatchNormRecalibration.recalibrate(graph, sample.getFeatures()));

        // In inference mode each batch norm now standardizes the sample: output mean β, population std γ·σ/√(σ²+ε).
        Map<String, INDArray> activations = graph.feedForward(sample.getFeatures(), false);
        Layer stats = graph.getLayer(VaeGraphNodes.STATS);
        assertStandardizes(activations.get("stats_linear"), activations.get(VaeGraphNodes.STATS),
                stats.getParam("mean"), stats.getParam("gamma"), stats.getParam("beta"), VaeGraphNodes.STATS);
        Layer topicWord = graph.getLayer(TopicVaeGraph.TOPIC_WORD);
        INDArray logits = activations.get(TopicVaeGraph.THETA).mmul(topicWord.getParam("W"));
        assertStandardizes(logits, activations.get(TopicVaeGraph.TOPIC_WORD), topicWord.getParam("mean"),
                topicWord.getParam("gamma"), topicWord.getParam("b"), TopicVaeGraph.TOPIC_WORD);
    }

    private static void assertStandardizes(INDArray input, INDArray output, INDArray mean, INDArray gamma,
                                           INDArray beta, String layer) {
        assertArrayEquals(input.mean(0).toDoubleVector(), mean.toDoubleVector(), 1e-5, layer);
        assertArrayEquals(beta.toDoubleVector(), output.mean(0).toDoubleVector(), 1e-3, layer);
        double[] variance = input.var(false, 0).toDoubleVector();
        double[] gammas = gamma.toDoubleVector();
        double[] expectedStd = new double[variance.length];
        for (int c = 0; c < variance.length; c++) {
            expectedStd[c] = Math.abs(gammas[c]) * Math.sqrt(variance[c] / (variance[c] + EPS));
        }
        assertArrayEquals(expectedStd, output.std(false, 0).toDoubleVector(), 1e-3, layer);
    }

    @Test
    void graphsWithoutBatchNormAreLeftAlone() {
        ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(30, 3, List.of(8), 0.2, 1.0, 0.99, false),
                1, 1e-3);
        INDArray before = graph.params().dup();
        assertEquals(0, BatchNormRecalibration.recalibrate(graph, TopicVaeGraphTest.documents(8, new Random(1))
                .getFeatures()));
        assertEquals(before, graph.params());
    }

    @Test
    void setsTheVarianceWhereTheLayerStoresIt() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("norm", new BatchNormalization.Builder().useLogStd(false).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(Activation.IDENTITY).build(), "norm")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(2))
                .build());
        graph.init();
        // Columns (1, 3) and (2, 2): means 2 and 2, population variances 1 and 0.
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 2}});
        assertEquals(1, BatchNormRecalibration.recalibrate(graph, new INDArray[] {x}));
        assertArrayEquals(new double[] {2, 2}, graph.getLayer("norm").getParam("mean").toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {1, 0}, graph.getLayer("norm").getParam("var").toDoubleVector(), 1e-6);
    }
}
