package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SmoothingBaselineTest {
    private static final int BINS = 50;
    private static final int HELD_IN = 15;
    private static final int HELD_OUT = 5;

    /**
     * Trials of a 2-D latent rotating with a random phase per trial; every neuron's log rate per bin is
     * log(0.4) + c·z with its own loading c, so held-out neurons are a known function of the latent
     * that the held-in neurons reveal.
     */
    private static final class Session {
        final double[][] loadings = new double[HELD_IN + HELD_OUT][2];
        final Random random;

        Session(long seed) {
            random = new Random(seed);
            for (double[] c : loadings) {
                c[0] = 0.9 * random.nextGaussian();
                c[1] = 0.9 * random.nextGaussian();
            }
        }

        /** Counts of {@code trials} trials, [trial][bin][neuron], held-in neurons first. */
        int[][][] trials(int trials) {
            int[][][] spikes = new int[trials][BINS][HELD_IN + HELD_OUT];
            for (int t = 0; t < trials; t++) {
                double phase = 2 * Math.PI * random.nextDouble();
                for (int k = 0; k < BINS; k++) {
                    double z0 = Math.sin(2 * Math.PI * k / BINS + phase);
                    double z1 = Math.cos(2 * Math.PI * k / BINS + phase);
                    for (int n = 0; n < HELD_IN + HELD_OUT; n++) {
                        double rate = 0.4 * Math.exp(loadings[n][0] * z0 + loadings[n][1] * z1);
                        spikes[t][k][n] = PoissonSamples.draw(random, rate);
                    }
                }
            }
            return spikes;
        }
    }

    @Test
    void predictsHeldOutNeuronsBetterThanTheirMeanRates() {
        Session session = new Session(17);
        int[][][] train = session.trials(60);
        int[][][] test = session.trials(30);
        SmoothingBaseline baseline = SmoothingBaseline.fit(slice(train, 0, HELD_IN), slice(train, HELD_IN, HELD_OUT),
                3.0, 0.01);
        int[][][] testHeldOut = slice(test, HELD_IN, HELD_OUT);
        double coBps = BitsPerSpike.bitsPerSpike(baseline.heldOutRates(slice(test, 0, HELD_IN)), testHeldOut);

        // The mean-rate predictor: each held-out neuron's mean count per bin on the training trials.
        double[] means = new double[HELD_OUT];
        for (int[][] trial : slice(train, HELD_IN, HELD_OUT)) {
            for (int[] bin : trial) {
                for (int n = 0; n < HELD_OUT; n++) {
                    means[n] += bin[n] / (double) (train.length * BINS);
                }
            }
        }
        double[][][] meanRates = new double[test.length][BINS][];
        for (double[][] trial : meanRates) {
            for (int k = 0; k < BINS; k++) {
                trial[k] = means.clone();
            }
        }
        double meanBps = BitsPerSpike.bitsPerSpike(meanRates, testHeldOut);
        assertTrue(coBps > 0.1, "co-bps " + coBps);
        assertTrue(coBps > meanBps + 0.1, "co-bps " + coBps + " vs mean-rate predictor " + meanBps);
    }

    @Test
    void heldInRatesAreTheSmoothedHeldInCounts() {
        int[][][] heldIn = {{{1, 0}, {0, 2}, {0, 0}, {3, 1}}};
        int[][][] heldOut = {{{1}, {0}, {0}, {2}}};
        SmoothingBaseline baseline = SmoothingBaseline.fit(heldIn, heldOut, 0.5, 0.1);
        double[][][] expected = new GaussianSmoother(0.5).smooth(heldIn);
        double[][][] actual = baseline.heldInRates(heldIn);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(expected[0][k], actual[0][k], 0.0);
        }
    }

    @Test
    void heldOutRatesAreTheRegressionsOnLogSmoothedCountsClippedAt1eMinus9() {
        // Held-out neuron 1 never fires in training: its fit predicts 0, which is clipped to 1e-9.
        int[][][] heldIn = {{{1, 0}, {0, 2}, {0, 0}, {3, 1}}, {{0, 1}, {2, 0}, {1, 1}, {0, 0}}};
        int[][][] heldOut = {{{1, 0}, {0, 0}, {0, 0}, {2, 0}}, {{0, 0}, {1, 0}, {1, 0}, {0, 0}}};
        SmoothingBaseline baseline = SmoothingBaseline.fit(heldIn, heldOut, 0.5, 0.1);
        double[][][] smoothed = new GaussianSmoother(0.5).smooth(heldIn);
        double[][][] rates = baseline.heldOutRates(heldIn);
        for (int t = 0; t < 2; t++) {
            for (int k = 0; k < 4; k++) {
                double[] features = {Math.log(smoothed[t][k][0] + 1e-4), Math.log(smoothed[t][k][1] + 1e-4)};
                assertEquals(baseline.regression(0).predict(features), rates[t][k][0], 1e-15);
                assertEquals(1e-9, rates[t][k][1], 0.0);
            }
        }
    }

    @Test
    void rejectsMismatchedInput() {
        int[][][] heldIn = {{{1, 0}, {0, 2}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmoothingBaseline.fit(heldIn, new int[][][] {{{1}}}, 0.5, 0.1));
        assertEquals("heldIn is 1 trials x 2 bins x 2 neurons but heldOut is 1 trials x 1 bins x 1 neurons:"
                + " expected the same trials and bins", e.getMessage());
        SmoothingBaseline baseline = SmoothingBaseline.fit(heldIn, new int[][][] {{{1}, {0}}}, 0.5, 0.1);
        e = assertThrows(IllegalArgumentException.class,
                () -> baseline.heldOutRates(new int[][][] {{{1}, {0}}}));
        assertEquals("heldIn has 1 neurons but the baseline was fitted on 2 held-in neurons", e.getMessage());
    }

    private static int[][][] slice(int[][][] spikes, int from, int count) {
        int[][][] out = new int[spikes.length][spikes[0].length][count];
        for (int t = 0; t < spikes.length; t++) {
            for (int k = 0; k < spikes[0].length; k++) {
                System.arraycopy(spikes[t][k], from, out[t][k], 0, count);
            }
        }
        return out;
    }
}
