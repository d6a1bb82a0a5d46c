package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EncoderGruLayerTest {
    static final int FEATURES = 3;
    static final int UNITS = 2;
    static final int STEPS = 5;

    /** x → per-step dense ("below") → bidirectional GRU encoder → dense → squared error. */
    static ComputationGraph graph() {
        return graph(true, true);
    }

    /** As {@link #graph()}, or with the encoder fed x itself (no "below"), with or without its input gradient. */
    private static ComputationGraph graph(boolean below, boolean inputGradient) {
        EncoderGruLayer encoder = new EncoderGruLayer(UNITS);
        var builder = new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs("x");
        if (below) {
            builder.addLayer("below", new TimeDistributed(new DenseLayer.Builder().nOut(FEATURES)
                    .activation(Activation.TANH).build()), "x");
        }
        ComputationGraph graph = new ComputationGraph(builder
                .addLayer("encoder", inputGradient ? encoder : encoder.withoutInputGradient(), below ? "below" : "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "encoder")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(FEATURES, STEPS))
                .build());
        graph.init();
        return graph;
    }

    @Test
    void outputIsEachDirectionsFinalGruStateFromZero() {
        ComputationGraph graph = graph();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, FEATURES, STEPS).subi(0.5);
        var activations = graph.feedForward(x, false);
        INDArray encoderIn = activations.get("below");
        INDArray out = activations.get("encoder");
        assertArrayEquals(new long[] {2, 2 * UNITS}, out.shape());
        var layer = graph.getLayer("encoder");
        // LFADS's initialisation: the update gate's bias at 1, the reset gate's and the candidate's at 0.
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0}, layer.getParam("fb").toDoubleVector(), 0);
        for (int d = 0; d < 2; d++) {
            String p = EncoderGruLayer.DIRECTIONS[d];
            double[][] wx = layer.getParam(p + "Wx").toDoubleMatrix();
            double[][] wh = layer.getParam(p + "Wh").toDoubleMatrix();
            double[][] wc = layer.getParam(p + "Wc").toDoubleMatrix();
            double[] b = layer.getParam(p + "b").toDoubleVector();
            for (int i = 0; i < 2; i++) {
                double[] h = new double[UNITS];
                for (int s = 0; s < STEPS; s++) {
                    int t = d == 0 ? s : STEPS - 1 - s;
                    double[] xt = new double[FEATURES];
                    for (int f = 0; f < FEATURES; f++) {
                        xt[f] = encoderIn.getDouble(i, f, t);
                    }
                    h = GruByHand.step(h, inputTerms(xt, wx, b), wh, wc);
                }
                for (int j = 0; j < UNITS; j++) {
                    assertEquals(h[j], out.getDouble(i, d * UNITS + j), 1e-12, "direction " + p + ", example " + i);
                }
            }
        }
    }

    /** A step's input and bias terms, x·W_x + b. */
    private static double[] inputTerms(double[] x, double[][] wx, double[] b) {
        double[] pre = b.clone();
        for (int k = 0; k < pre.length; k++) {
            for (int f = 0; f < x.length; f++) {
                pre[k] += x[f] * wx[f][k];
            }
        }
        return pre;
    }

    @Test
    void onTheDataItGivesNoInputGradientAndTheSameWeightGradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, FEATURES, STEPS).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 3, 2);
        ComputationGraph with = graph(false, true);
        ComputationGraph without = graph(false, false);
        without.setParams(with.params());
        with.setInputs(x);
        with.setLabels(labels);
        without.setInputs(x);
        without.setLabels(labels);
        with.computeGradientAndScore();
        without.computeGradientAndScore();
        INDArray expected = with.gradient().gradient();
        assertTrue(expected.amaxNumber().doubleValue() > 1e-6, "the weights get a gradient");
        assertEquals(expected, without.gradient().gradient());
        org.deeplearning4j.nn.api.Layer layer = without.getLayer("encoder");
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
        assertNull(layer.backpropGradient(Nd4j.ones(DataType.DOUBLE, 3, 2 * UNITS), LayerWorkspaceMgr.noWorkspaces())
                .getSecond());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph graph = graph();
        Random random = new Random(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, FEATURES, STEPS).subi(0.5).muli(2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        for (int i = 0; i < labels.length(); i++) {
            labels.putScalar(i, random.nextGaussian());
        }
        List<FiniteDifferences.Mismatch> mismatches = FiniteDifferences.check(graph,
                new org.nd4j.linalg.dataset.MultiDataSet(x, labels), 40, 1e-5);
        assertEquals(List.of(), mismatches);
    }
}
