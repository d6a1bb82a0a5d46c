package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PsthR2Test {
    @Test
    void stackedR2IsAveragedOverNeuronsWithSklearnsConstantColumnRule() {
        // 2 conditions x 2 bins stacked into 4 rows; 3 neurons.
        // Neuron 0: true 1, 2, 3, 4 (mean 2.5, SS_tot 5), predicted 1, 2, 3, 2 (SS_res 4): R^2 = 0.2.
        // Neuron 1: true constant, matched exactly: 1. Neuron 2: true constant, missed: 0.
        double[][][] truth = {{{1, 7, 3}, {2, 7, 3}}, {{3, 7, 3}, {4, 7, 3}}};
        double[][][] predicted = {{{1, 7, 3}, {2, 7, 3}}, {{3, 7, 3}, {2, 7, 4}}};
        assertEquals((0.2 + 1 + 0) / 3, PsthR2.r2(truth, predicted), 1e-15);
    }

    @Test
    void fromTrueRatesAveragesEachConditionsTrials() {
        // One neuron, 2 bins; condition 4 has trials 0 and 2, condition 1 has trial 1.
        // True PSTHs: condition 1 (5, 6); condition 4 ((1 + 3) / 2, (2 + 2) / 2) = (2, 2).
        // Predicted: condition 1 (5, 5); condition 4 ((2 + 2) / 2, (1 + 5) / 2) = (2, 3).
        // Stacked truth 5, 6, 2, 2 (mean 3.75, SS_tot 1.5625 + 5.0625 + 3.0625 * 2 = 12.75);
        // SS_res = 0 + 1 + 0 + 1 = 2; R^2 = 1 - 2 / 12.75.
        double[][][] trueRates = {{{1}, {2}}, {{5}, {6}}, {{3}, {2}}};
        double[][][] rates = {{{2}, {1}}, {{5}, {5}}, {{2}, {5}}};
        assertEquals(1 - 2 / 12.75, PsthR2.fromTrueRates(trueRates, rates, new int[] {4, 1, 4}), 1e-15);
    }

    @Test
    void fromSpikesSmoothsAllGivenTrialsAndScoresOnlyConditionsWithTestTrials() {
        // A kernel of sd 1/6 bin has one weight, so the true PSTH is the plain condition mean of counts.
        // PSTH trials: condition 0 -> (1, 3) and (3, 1): mean (2, 2); condition 1 -> (0, 4); condition 2
        // -> (9, 9), which has no test trial and is not scored.
        // Test rates: condition 1 (1, 3); condition 0 (2, 2) and (2, 4): mean (2, 3).
        // Stacked truth 2, 2, 0, 4 (mean 2, SS_tot 8); predicted 2, 3, 1, 3: SS_res 3; R^2 = 1 - 3 / 8.
        int[][][] spikes = {{{1}, {3}}, {{0}, {4}}, {{3}, {1}}, {{9}, {9}}};
        double[][][] rates = {{{1}, {3}}, {{2}, {2}}, {{2}, {4}}};
        double r2 = PsthR2.fromSpikes(spikes, new int[] {0, 1, 0, 2}, 1.0 / 6.0 + 1e-12, rates, new int[] {1, 0, 0});
        assertEquals(1 - 3.0 / 8.0, r2, 1e-15);
    }

    @Test
    void rejectsATestConditionWithoutPsthTrials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PsthR2.fromSpikes(new int[][][] {{{1}}}, new int[] {0}, 1.0, new double[][][] {{{1}}},
                        new int[] {3}));
        assertEquals("condition 3 has test trials in rates but no trials in psthSpikes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PsthR2.fromTrueRates(new double[][][] {{{1}}}, new double[][][] {{{1}}}, new int[] {0, 1}));
        assertEquals("trueRates has 1 trials but its conditions has 2 labels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PsthR2.fromTrueRates(new double[][][] {{{1, 2}}}, new double[][][] {{{1}}}, new int[] {0}));
        assertEquals("trueRates has 1 bins x 2 neurons per trial but rates has 1 x 1", e.getMessage());
    }
}
