package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BitsPerSpikeTest {
    // 2 trials x 2 bins x 2 neurons, [trial][bin][neuron].
    private static final int[][][] SPIKES = {
        {{1, 0}, {0, 0}},
        {{2, 1}, {1, 0}},
    };
    private static final double[][][] RATES = {
        {{0.5, 0.5}, {0.5, 0.0}},
        {{2.0, 1.0}, {1.0, 0.5}},
    };

    @Test
    void negLogLikelihoodMatchesTheHandSum() {
        // Terms r - n ln r + ln n!, the zero rate replaced by 1e-9:
        // neuron 0: (0.5 + ln 2) + 0.5 + (2 - 2 ln 2 + ln 2) + 1 = 4
        // neuron 1: 0.5 + 1e-9 + (1 - ln 1) + 0.5 = 2 + 1e-9
        assertEquals(6.0 + 1e-9, BitsPerSpike.negLogLikelihood(RATES, SPIKES), 1e-12);
    }

    @Test
    void bitsPerSpikeMatchesTheHandComputation() {
        // Null rates are each neuron's mean count per bin: neuron 0 4/4 = 1, neuron 1 1/4 = 0.25.
        // Null NLL: neuron 0 sum(1 - n ln 1) + ln 2! = 4 + ln 2; neuron 1 4 * 0.25 - ln 0.25 = 1 + 2 ln 2.
        // So NLL_null - NLL_model = (5 + 3 ln 2) - (6 + 1e-9) = 3 ln 2 - 1 - 1e-9, over 5 spikes, in bits:
        double expected = (3 * Math.log(2) - 1 - 1e-9) / 5 / Math.log(2);
        assertEquals(expected, BitsPerSpike.bitsPerSpike(RATES, SPIKES), 1e-12);
        assertEquals(0.311460, expected, 1e-6);
    }

    @Test
    void aSilentNeuronsNullRateIsReplacedBy1eMinus9() {
        // Neuron 0 is predicted at its mean (model = null); neuron 1 never fires: its null rate 0 becomes
        // 1e-9 (costing 2e-9) while the model's 0.5 per bin costs 1.0. Four spikes in all.
        int[][][] spikes = {{{1, 0}, {3, 0}}};
        double[][][] rates = {{{2.0, 0.5}, {2.0, 0.5}}};
        assertEquals((2e-9 - 1.0) / 4 / Math.log(2), BitsPerSpike.bitsPerSpike(rates, spikes), 1e-12);
    }

    @Test
    void predictingEachNeuronsMeanScoresZero() {
        double[][][] means = {
            {{1.0, 0.25}, {1.0, 0.25}},
            {{1.0, 0.25}, {1.0, 0.25}},
        };
        assertEquals(0.0, BitsPerSpike.bitsPerSpike(means, SPIKES), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        double[][][] negative = {{{1.0, -0.1}, {1.0, 1.0}}, {{1.0, 1.0}, {1.0, 1.0}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitsPerSpike.bitsPerSpike(negative, SPIKES));
        assertEquals("rates trial 0 bin 0 neuron 1 is -0.1, expected a rate >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BitsPerSpike.bitsPerSpike(new double[][][] {{{1.0, 1.0}, {1.0, 1.0}}}, SPIKES));
        assertEquals("rates is 1 trials x 2 bins x 2 neurons but spikes is 2 trials x 2 bins x 2 neurons",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BitsPerSpike.bitsPerSpike(new double[][][] {{{1.0}}}, new int[][][] {{{0}}}));
        assertEquals("spikes has no spikes: bits per spike is undefined", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BitsPerSpike.bitsPerSpike(new double[][][] {{{Double.NaN}}}, new int[][][] {{{1}}}));
        assertEquals("rates trial 0 bin 0 neuron 0 is NaN, expected a finite value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BitsPerSpike.bitsPerSpike(new double[][][] {{{1.0}}}, new int[][][] {{{-1}}}));
        assertEquals("spikes trial 0 bin 0 neuron 0 is -1, expected a spike count >= 0", e.getMessage());
    }
}
