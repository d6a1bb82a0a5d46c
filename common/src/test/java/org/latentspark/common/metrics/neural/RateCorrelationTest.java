package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateCorrelationTest {
    @Test
    void meanOfPerNeuronPearsonR() {
        // Neuron 0: inferred 2, 4, 6 against true 1, 2, 3: r = 1.
        // Neuron 1: inferred 3, 1, 2 (centred 1, -1, 0) against true 1, 2, 3 (centred -1, 0, 1):
        // r = -1 / sqrt(2 * 2) = -0.5. Mean 0.25. Here the three values are three trials of one bin.
        double[][][] inferred = {{{2, 3}}, {{4, 1}}, {{6, 2}}};
        double[][][] truth = {{{1, 1}}, {{2, 2}}, {{3, 3}}};
        assertEquals(0.25, RateCorrelation.meanPerNeuron(inferred, truth), 1e-15);
    }

    @Test
    void constantInferenceScoresZeroAndConstantTruthIsLeftOut() {
        // Neuron 0 (true 1, 2, 3) gets its mean, a constant: r = 0, although a pooled r over both
        // neurons' entries would be 0.97 here, from the gap between their mean rates.
        // Neuron 1 has a constant true rate and is left out.
        double[][][] inferred = {{{2, 9}, {2, 8}, {2, 7}}};
        double[][][] truth = {{{1, 10}, {2, 10}, {3, 10}}};
        assertEquals(0.0, RateCorrelation.meanPerNeuron(inferred, truth), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RateCorrelation.meanPerNeuron(inferred, new double[][][] {{{1, 1}, {1, 1}, {1, 1}}}));
        assertEquals("trueRates is constant over the trials and bins for every neuron: rate correlation is"
                + " undefined", e.getMessage());
    }
}
