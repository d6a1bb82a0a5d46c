package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class SequentialVaeGraphTest {
    static final SequentialVaeArchitecture ARCH = new SequentialVaeArchitecture(8, 4, 10, 2, 3, 16, 16, 2, 0.0);

    /**
     * Trials of a 2-d rotation with a random phase per trial: factors f = (cos, sin)(2πt/10 + φ), each neuron's
     * rate exp(½ + c·f), Poisson counts. Inputs: held-in neurons over the observed bins; labels: every neuron
     * over every bin, as {@link SequentialVaeGraph#target} lays them out, then the KL weight 1.
     */
    static MultiDataSet rotations(int n, Random random) {
        int steps = ARCH.steps();
        Random weights = new Random(11);
        double[][] c = new double[ARCH.neurons()][2];
        for (double[] row : c) {
            row[0] = 1.5 * weights.nextGaussian();
            row[1] = 1.5 * weights.nextGaussian();
        }
        INDArray counts = Nd4j.zeros(n, ARCH.neurons(), steps);
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * random.nextDouble();
            for (int t = 0; t < steps; t++) {
                double f0 = Math.cos(2 * Math.PI * t / 10 + phase);
                double f1 = Math.sin(2 * Math.PI * t / 10 + phase);
                for (int j = 0; j < ARCH.neurons(); j++) {
                    counts.putScalar(new int[] {i, j, t}, poisson(Math.exp(0.5 + c[j][0] * f0 + c[j][1] * f1), random));
                }
            }
        }
        INDArray x = counts.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, ARCH.heldInNeurons()),
                NDArrayIndex.interval(0, ARCH.bins())).dup('c');
        INDArray eps = Nd4j.randn(random.nextLong(), new long[] {n, ARCH.latentDim()});
        INDArray labels = Nd4j.hstack(SequentialVaeGraph.target(counts), Nd4j.ones(n, 1));
        return new MultiDataSet(new INDArray[] {x, eps}, new INDArray[] {labels});
    }

    /** Knuth's method: fine for the small rates here. */
    static int poisson(double rate, Random random) {
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    @Test
    void configurationSurvivesJsonRoundTrip() {
        ComputationGraphConfiguration conf = SequentialVaeGraph.configuration(ARCH, 1, 1e-3);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void fittingLowersTheNegativeElbo() {
        ComputationGraph graph = SequentialVaeGraph.build(ARCH, 5, 1e-2);
        Random random = new Random(5);
        MultiDataSet heldOut = rotations(64, random);
        double before = graph.score(heldOut);
        for (int step = 0; step < 25; step++) {
            graph.fit(rotations(16, random));
        }
        double after = graph.score(heldOut);
        assertTrue(Double.isFinite(after));
        assertTrue(after < 0.7 * before, "negative ELBO per trial " + before + " -> " + after);
    }

    @Test
    void trajectoriesHaveTheDocumentedShapesAndOrder() {
        ComputationGraph graph = SequentialVaeGraph.build(ARCH, 2, 1e-3);
        MultiDataSet data = rotations(3, new Random(2));
        SequentialVaeInference inference = new SequentialVaeInference(graph);
        SequentialVaeInference.Trajectories trajectories = inference.trajectories(data.getFeatures(0),
                data.getFeatures(1));
        assertArrayEquals(new long[] {3, 2}, trajectories.zMean().shape());
        assertArrayEquals(new long[] {3, 2}, trajectories.zLogVar().shape());
        assertArrayEquals(new long[] {3, 12, 3}, trajectories.factors().shape());
        assertArrayEquals(new long[] {3, 12, 12}, trajectories.rates().shape());
        // Rates at (trial, bin, neuron) are exp of the decoder output the loss scores at neuron·(T+F) + bin.
        INDArray decoded = graph.feedForward(data.getFeatures(), false).get(VaeGraphNodes.DECODED);
        for (int[] at : new int[][] {{0, 0, 0}, {1, 11, 3}, {2, 5, 10}}) {
            assertEquals(Math.exp(decoded.getDouble(at[0], at[2] * 12L + at[1])),
                    trajectories.rates().getDouble(at[0], at[1], at[2]), 1e-4);
        }
    }

    @Test
    void scoreIsTheMeanOfTheInferredNllPlusKl() {
        ComputationGraph graph = SequentialVaeGraph.build(ARCH, 4, 1e-3);
        MultiDataSet data = rotations(5, new Random(4));
        INDArray target = data.getLabels(0).get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, ARCH.features()));
        VaeInference.Pass pass = new SequentialVaeInference(graph).elbo()
                .forward(data.getFeatures(0), data.getFeatures(1), target);
        double expected = pass.nll().add(pass.kl()).meanNumber().doubleValue();
        assertEquals(expected, graph.score(data), 1e-4 * Math.abs(expected));
    }

    @Test
    void trainsWithDropoutAndSurvivesSaveAndRestore() throws IOException {
        SequentialVaeArchitecture withDropout = new SequentialVaeArchitecture(ARCH.heldInNeurons(),
                ARCH.heldOutNeurons(), ARCH.bins(), ARCH.forwardBins(), ARCH.factors(), ARCH.encoderUnits(),
                ARCH.generatorUnits(), ARCH.latentDim(), 0.1);
        ComputationGraph graph = SequentialVaeGraph.build(withDropout, 6, 1e-2);
        Random random = new Random(6);
        graph.fit(rotations(16, random));
        graph.fit(rotations(16, random));
        MultiDataSet data = rotations(4, random);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        assertEquals(graph.feedForward(data.getFeatures(), false).get(VaeGraphNodes.DECODED_STATS),
                restored.feedForward(data.getFeatures(), false).get(VaeGraphNodes.DECODED_STATS));
        assertEquals(graph.score(data), restored.score(data), 0.0);
    }

    @Test
    void readoutStartsAtEachNeuronsMeanRate() {
        ComputationGraph graph = SequentialVaeGraph.build(ARCH, 3, 1e-3);
        int steps = ARCH.steps();
        INDArray counts = Nd4j.zeros(2, ARCH.neurons(), steps);
        counts.putScalar(new int[] {0, 0, 0}, 3);
        counts.putScalar(new int[] {1, 0, 5}, 2);
        counts.get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all()).assign(1);
        SequentialVaeGraph.startAtMeanRates(graph, counts);
        INDArray bias = graph.getLayer(SequentialVaeGraph.LOG_RATES).getParam("b");
        // Neuron 0: 5 spikes in 2·12 bins; neuron 1: one in every bin; the rest silent.
        assertEquals(Math.log(5.5 / 25), bias.getDouble(0), 1e-6);
        assertEquals(Math.log(24.5 / 25), bias.getDouble(1), 1e-6);
        assertEquals(Math.log(0.5 / 25), bias.getDouble(ARCH.neurons() - 1), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequentialVaeGraph.startAtMeanRates(graph, Nd4j.zeros(2, 3, steps)));
        assertTrue(e.getMessage().contains("3 neurons"), e.getMessage());
    }

    @Test
    void fitsAMinibatchOfOne() {
        ComputationGraph graph = SequentialVaeGraph.build(ARCH, 8, 1e-3);
        graph.fit(rotations(1, new Random(8)));
        assertTrue(Double.isFinite(graph.score()));
    }

    @Test
    void targetNeedsCountsPerNeuronAndBin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequentialVaeGraph.target(Nd4j.zeros(2, 5)));
        assertTrue(e.getMessage().contains("[n, neurons, bins]"), e.getMessage());
    }

    @Test
    void architectureNamesTheBadField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialVaeArchitecture(8, 4, 0, 2, 3, 16, 16, 2, 0.0));
        assertEquals("bins must be at least 1, got 0", e.getMessage());
    }
}
