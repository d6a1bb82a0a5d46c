package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GeneratorGruLayerTest {
    static final int G = 2;
    static final int UNITS = 3;
    static final int STEPS = 4;

    static MultiLayerNetwork network(DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(type)
                .updater(new NoOp())
                .list()
                .layer(new GeneratorGruLayer(G, UNITS, STEPS))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(G))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void statesFollowTheGruRecurrenceFromTheMappedInitialCondition() {
        MultiLayerNetwork net = network(DataType.DOUBLE);
        INDArray g0 = Nd4j.create(new double[][] {{0.5, -1.0}, {2.0, 0.3}});
        INDArray states = net.feedForward(g0, false).get(1);
        assertArrayEquals(new long[] {2, UNITS, STEPS}, states.shape());

        var layer = net.getLayer(0);
        double[][] w0 = layer.getParam(GeneratorGruLayer.INITIAL_WEIGHTS).toDoubleMatrix();
        double[] b0 = layer.getParam(GeneratorGruLayer.INITIAL_BIAS).toDoubleVector();
        double[][] wur = layer.getParam(GeneratorGruLayer.GATE_WEIGHTS).toDoubleMatrix();
        double[] bur = layer.getParam(GeneratorGruLayer.GATE_BIAS).toDoubleVector();
        double[][] wc = layer.getParam(GeneratorGruLayer.CANDIDATE_WEIGHTS).toDoubleMatrix();
        double[] bc = layer.getParam(GeneratorGruLayer.CANDIDATE_BIAS).toDoubleVector();
        // LFADS's initialisation: the update gate's bias at 1, every other bias 0.
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0}, bur, 0);
        for (int i = 0; i < 2; i++) {
            double[] h = new double[UNITS];
            for (int j = 0; j < UNITS; j++) {
                h[j] = b0[j] + g0.getDouble(i, 0) * w0[0][j] + g0.getDouble(i, 1) * w0[1][j];
            }
            // No input: the step's terms are the biases alone.
            double[] pre = new double[3 * UNITS];
            System.arraycopy(bur, 0, pre, 0, 2 * UNITS);
            System.arraycopy(bc, 0, pre, 2 * UNITS, UNITS);
            for (int t = 0; t < STEPS; t++) {
                h = GruByHand.step(h, pre, wur, wc);
                for (int j = 0; j < UNITS; j++) {
                    assertEquals(h[j], states.getDouble(i, j, t), 1e-12,
                            "example " + i + ", unit " + j + ", step " + t);
                }
            }
        }
    }

    @Test
    void aSavedNetworkReadsBackWithTheSameGeneratorAndParameters() throws Exception {
        MultiLayerNetwork net = network(DataType.FLOAT);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork read = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        GeneratorGruLayer layer = (GeneratorGruLayer) read.getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(G, layer.getNIn());
        assertEquals(UNITS, layer.getNOut());
        assertEquals(STEPS, layer.getSteps());
        assertEquals(net.params(), read.params());
        INDArray g0 = Nd4j.rand(DataType.FLOAT, 3, G);
        assertEquals(net.output(g0), read.output(g0));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // g0 → dense → generator GRU → per-step dense → squared error: the GRU's own gradients and the error it
        // passes to the dense layer below must both be exact (when this was a SameDiff layer, DL4J doubled both).
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("g0")
                .addLayer("below", new DenseLayer.Builder().nOut(G).activation(Activation.TANH).build(), "g0")
                .addLayer("gru", new GeneratorGruLayer(G, UNITS, STEPS), "below")
                .addLayer("above", new TimeDistributed(new DenseLayer.Builder().nOut(2)
                        .activation(Activation.TANH).build()), "gru")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "above")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(G))
                .build());
        graph.init();
        Random random = new Random(7);
        INDArray g0 = Nd4j.rand(DataType.DOUBLE, 3, G).subi(0.5).muli(2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2, STEPS);
        for (int i = 0; i < labels.length(); i++) {
            labels.putScalar(i, random.nextGaussian());
        }
        List<FiniteDifferences.Mismatch> mismatches = FiniteDifferences.check(graph,
                new org.nd4j.linalg.dataset.MultiDataSet(g0, labels), 20, 1e-5);
        assertEquals(List.of(), mismatches);
    }
}
