package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LatentSpreadTest {
    private static final double SQRT_2_PI_E = Math.sqrt(2.0 * Math.PI * Math.E);

    /** Points +-e_i: the sample covariance is exactly (2/5) I, every eigenvalue equal. */
    private static final double[][] ISOTROPIC = {
        {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};

    /** Points t (1, 2, -1), t = 0..4: one non-zero eigenvalue, on an axis that is not a coordinate. */
    private static final double[][] ONE_AXIS = line(new double[] {1, 2, -1});

    private static double[][] line(double[] direction) {
        double[][] z = new double[5][];
        for (int t = 0; t < 5; t++) {
            z[t] = new double[direction.length];
            for (int k = 0; k < direction.length; k++) {
                z[t][k] = t * direction[k];
            }
        }
        return z;
    }

    private static double[][] gaussian(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] z = new double[n][d];
        for (double[] row : z) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return z;
    }

    @Test
    void eeeIsZeroForIsotropicData() {
        assertEquals(0.0, LatentSpread.eee(ISOTROPIC), 1e-12);
    }

    @Test
    void eeeReachesItsMaximumWhenOneAxisHoldsAllVariance() {
        // ((d - 1) / d)^2 with d = 3
        assertEquals(4.0 / 9.0, LatentSpread.eee(ONE_AXIS), 1e-12);
    }

    @Test
    void eeeMatchesAHandComputedSpectrum() {
        // +-3 e1, +-2 e2, +-1 e3: eigenvalues proportional to 18, 8, 2 (T = 28, d = 3).
        // D = (18 - 28/3, 26 - 56/3, 0) = (26/3, 22/3, 0); trapezoid area = 8 + 11/3 = 35/3;
        // EEE = (35/3) / (28 * 3 / 2) = 5/18.
        double[][] z = {{3, 0, 0}, {-3, 0, 0}, {0, 2, 0}, {0, -2, 0}, {0, 0, 1}, {0, 0, -1}};
        assertEquals(5.0 / 18.0, LatentSpread.eee(z), 1e-12);
        // Two dimensions, +-2 e1 and +-1 e2: eigenvalues 8/3 and 2/3, D = (1, 0), area 1/2,
        // EEE = (1/2) / ((10/3) * 2 / 2) = 0.15.
        assertEquals(0.15, LatentSpread.eee(new double[][] {{2, 0}, {-2, 0}, {0, 1}, {0, -1}}), 1e-12);
    }

    @Test
    void eeeDependsOnTheSpectrumNotOnTheAxes() {
        // The 5/18 case rotated by 45 degrees in the (1, 2) plane and shifted: the covariance now
        // has off-diagonal terms, the eigenvalues are unchanged.
        double[][] axisAligned = {{3, 0, 0}, {-3, 0, 0}, {0, 2, 0}, {0, -2, 0}, {0, 0, 1}, {0, 0, -1}};
        double c = Math.sqrt(0.5);
        double[][] z = new double[6][];
        for (int i = 0; i < 6; i++) {
            double[] p = axisAligned[i];
            z[i] = new double[] {10 + c * (p[0] - p[1]), -4 + c * (p[0] + p[1]), 7 + p[2]};
        }
        assertEquals(5.0 / 18.0, LatentSpread.eee(z), 1e-12);
    }

    @Test
    void vrmMatchesAHandComputedVasicekEstimate() {
        // One column 0..4: centred -2..2, sample variance 2.5, rescaled by sqrt(1 / 2.5) = sqrt(0.4).
        // n = 5, m = floor(sqrt(5) + 0.5) = 2; the spacings X(i+2) - X(i-2) with the ends clamped
        // are 2, 3, 4, 3, 2 (times sqrt(0.4)), so exp(H) = (5/4) sqrt(0.4) (2*3*4*3*2)^(1/5).
        double[][] z = {{0}, {1}, {2}, {3}, {4}};
        double r = 5.0 / 4.0 * Math.sqrt(0.4) * Math.pow(144.0, 0.2) / SQRT_2_PI_E;
        assertEquals((1.0 - r) * (1.0 - r), LatentSpread.vrm(z), 1e-12);
    }

    @Test
    void vrmOfDataOnOneAxisCountsEachEmptyComponentAsOne() {
        // All variance (15) on one axis; rescaled by sqrt(3 / 15), that component's scores are
        // (t - 2) sqrt(6) sqrt(0.2) = (t - 2) sqrt(1.2). The two empty components have r = 0.
        double r = 5.0 / 4.0 * Math.sqrt(1.2) * Math.pow(144.0, 0.2) / SQRT_2_PI_E;
        assertEquals((2.0 + (1.0 - r) * (1.0 - r)) / 3.0, LatentSpread.vrm(ONE_AXIS), 1e-12);
    }

    @Test
    void vrmIsNearZeroForIsotropicGaussiansOfAnyDimension() {
        for (int d : new int[] {2, 8}) {
            double vrm = LatentSpread.vrm(gaussian(20_000, d, 11L * d));
            assertTrue(vrm >= 0.0 && vrm < 1e-3, "d = " + d + ": VRM " + vrm);
        }
    }

    @Test
    void vrmOfAGaussianOnOneAxisApproachesTwoMinusTwoOverRootD() {
        // The loaded component has variance d: r = sqrt(d), so VRM = ((d - 1) + (1 - sqrt d)^2) / d.
        Random random = new Random(5);
        double[][] z = new double[20_000][4];
        for (double[] row : z) {
            double t = random.nextGaussian();
            row[0] = t;
            row[1] = -t;
            row[2] = 2 * t;
        }
        assertEquals(1.0, LatentSpread.vrm(z), 0.02);
    }

    @Test
    void rejectsDegenerateInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentSpread.eee(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        assertEquals("z has 3 rows and 3 columns; a full principal-component analysis needs more rows than columns",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentSpread.eee(new double[][] {{1, 2}, {1, 2}, {1, 2}}));
        assertEquals("z has the same value in every row; its spread is undefined", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentSpread.vrm(new double[][] {{0}, {1}, {2}, {3}}));
        assertEquals("z has 4 rows; the Vasicek window m = 2 needs more than 2m rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentSpread.vrm(new double[][] {{0, 1}, {1, Double.NaN}, {2, 0}}));
        assertEquals("z row 1 column 1 is NaN, expected a finite value", e.getMessage());
    }
}
