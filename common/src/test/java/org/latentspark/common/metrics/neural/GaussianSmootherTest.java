package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianSmootherTest {
    @Test
    void windowIsScipysSymmetricGaussianOfIntSixSdPointsNormalised() {
        // sd 1: M = 6 points at offsets -2.5 .. 2.5 from the centre, weights exp(-offset^2 / 2).
        double a = Math.exp(-3.125);
        double b = Math.exp(-1.125);
        double c = Math.exp(-0.125);
        double sum = 2 * (a + b + c);
        assertArrayEquals(new double[] {a / sum, b / sum, c / sum, c / sum, b / sum, a / sum},
                new GaussianSmoother(1.0).window(), 1e-15);
        // sd 0.5: M = 3 at offsets -1, 0, 1, i.e. -2, 0, 2 sd.
        double e = Math.exp(-2.0);
        assertArrayEquals(new double[] {e / (1 + 2 * e), 1 / (1 + 2 * e), e / (1 + 2 * e)},
                new GaussianSmoother(0.5).window(), 1e-15);
        // sd 1/6: a single weight, so smoothing is the identity.
        assertArrayEquals(new double[] {1.0}, new GaussianSmoother(1.0 / 6.0 + 1e-12).window(), 0.0);
    }

    @Test
    void evenWindowIsCentredHalfABinLateAndLosesMassAtTheEdges() {
        double[] w = new GaussianSmoother(1.0).window();
        // A spike at bin 3 of 8: 'same' convolution puts w[m] at bin 3 + m - 2.
        double[][][] out = new GaussianSmoother(1.0).smooth(spikeTrain(8, 3));
        assertArrayEquals(new double[] {0, w[0], w[1], w[2], w[3], w[4], w[5], 0}, column(out), 1e-15);
        // At bin 0 the weights w[0], w[1] fall before the trial and are lost, not renormalised.
        out = new GaussianSmoother(1.0).smooth(spikeTrain(8, 0));
        assertArrayEquals(new double[] {w[2], w[3], w[4], w[5], 0, 0, 0, 0}, column(out), 1e-15);
    }

    @Test
    void matchesScipySignalConvolveSame() {
        // Reference: scipy 1.10 signal.convolve(x, w / w.sum(), 'same'), w = windows.gaussian(int(6 sd), sd).
        int[] x = {0, 1, 0, 0, 2, 1, 0, 3, 0, 1};
        int[][][] spikes = new int[1][x.length][1];
        for (int k = 0; k < x.length; k++) {
            spikes[0][k][0] = x[k];
        }
        assertArrayEquals(new double[] {0.22867338028199713, 0.3463243333482669, 0.4686916752282162,
            0.6689045049903258, 0.8908643703013455, 1.0374361424194463, 1.1090253010584297, 1.0910020273758039,
            0.9050819758013944, 0.602932639363341}, column(new GaussianSmoother(1.5).smooth(spikes)), 1e-14);
        // sd 2: an even window of 12, longer than the 10-bin trial.
        assertArrayEquals(new double[] {0.1873112206094632, 0.29620240638832834, 0.4338184221448946,
            0.5920817886557111, 0.7643852851922487, 0.9152126781825874, 1.007639557652257, 1.0115542658073398,
            0.9103893984882838, 0.7216756772684889}, column(new GaussianSmoother(2.0).smooth(spikes)), 1e-14);
    }

    @Test
    void smoothsEachTrialAndNeuronSeparately() {
        int[][][] spikes = {{{1, 0}, {0, 0}, {0, 2}}, {{0, 0}, {0, 0}, {0, 0}}};
        double[][][] out = new GaussianSmoother(0.5).smooth(spikes);
        double e = Math.exp(-2.0);
        double s = 1 + 2 * e;
        assertArrayEquals(new double[] {1 / s, 0}, out[0][0], 1e-15);
        assertArrayEquals(new double[] {e / s, 2 * e / s}, out[0][1], 1e-15);
        assertArrayEquals(new double[] {0, 2 / s}, out[0][2], 1e-15);
        assertArrayEquals(new double[] {0, 0}, out[1][1], 0.0);
        assertArrayEquals(out[0][1], new GaussianSmoother(0.5).smooth(new double[][][] {
            {{1, 0}, {0, 0}, {0, 2}}, {{0, 0}, {0, 0}, {0, 0}}})[0][1], 0.0);
    }

    @Test
    void rejectsAKernelNarrowerThanOneWindowPoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianSmoother(0.1));
        assertEquals("kernel sd is 0.1 bins, expected a finite value of at least 1/6 bin (the window has int(6 sd)"
                + " bins)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianSmoother(Double.NaN));
    }

    private static int[][][] spikeTrain(int bins, int at) {
        int[][][] spikes = new int[1][bins][1];
        spikes[0][at][0] = 1;
        return spikes;
    }

    private static double[] column(double[][][] x) {
        double[] c = new double[x[0].length];
        for (int k = 0; k < c.length; k++) {
            c[k] = x[0][k][0];
        }
        return c;
    }
}
