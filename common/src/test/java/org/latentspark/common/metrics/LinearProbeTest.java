package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LinearProbeTest {
    @Test
    void exactlyLinearTargetIsRecoveredWithRSquaredOne() {
        Random random = new Random(3);
        double[][] x = new double[50][3];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = 1.5 + 2.0 * x[i][0] - 3.0 * x[i][1] + 0.5 * x[i][2];
        }
        LinearProbe probe = LinearProbe.fit(Arrays.copyOfRange(x, 0, 40), Arrays.copyOfRange(y, 0, 40));
        assertEquals(1.0, probe.r2(Arrays.copyOfRange(x, 40, 50), Arrays.copyOfRange(y, 40, 50)), 1e-9);
        assertArrayEquals(new double[] {2.0, -3.0, 0.5}, probe.coefficients(), 1e-5);
        assertEquals(1.5, probe.intercept(), 1e-5);
    }

    @Test
    void twoPointFitMatchesTheHandSolutionIncludingTheRidge() {
        // x = 1, 3 and y = 2, 6: least squares gives y = 2x. Centred, Sxx = 2 and Sxy = 4; the ridge
        // is 1e-6 * Sxx / 1, so the slope is 4 / (2 + 2e-6) and the intercept 4 - 2 * slope.
        LinearProbe probe = LinearProbe.fit(new double[][] {{1}, {3}}, new double[] {2, 6});
        double slope = 4.0 / (2.0 + 2e-6);
        assertEquals(slope, probe.coefficients()[0], 1e-15);
        assertEquals(4.0 - 2.0 * slope, probe.intercept(), 1e-14);
        assertEquals(2.0, slope, 1e-5);
        assertEquals(10.0, probe.predict(new double[] {5}), 1e-4);
    }

    @Test
    void threePointFitMatchesTheHandSolvedPlane() {
        // (0,0) -> 1, (1,0) -> 3, (0,1) -> 4 is interpolated by y = 1 + 2 a + 3 b.
        LinearProbe probe = LinearProbe.fit(new double[][] {{0, 0}, {1, 0}, {0, 1}}, new double[] {1, 3, 4});
        assertArrayEquals(new double[] {2.0, 3.0}, probe.coefficients(), 1e-5);
        assertEquals(1.0, probe.intercept(), 1e-5);
    }

    @Test
    void targetIndependentOfXScoresTheHandComputedNegativeRSquared() {
        // Train: x = 0..3, y = 1, 0, 0, 1: Sxy = 0, so the slope is 0 and the probe predicts 0.5.
        // Test: x = 0, 1 with y = 0, 2 (mean 1): SS_res = 0.25 + 2.25 = 2.5, SS_tot = 2,
        // R^2 = 1 - 2.5 / 2 = -0.25.
        LinearProbe probe = LinearProbe.fit(new double[][] {{0}, {1}, {2}, {3}}, new double[] {1, 0, 0, 1});
        assertEquals(0.0, probe.coefficients()[0], 1e-15);
        assertEquals(0.5, probe.intercept(), 1e-15);
        assertEquals(-0.25, probe.r2(new double[][] {{0}, {1}}, new double[] {0, 2}), 1e-15);
    }

    @Test
    void constantAndDuplicatedLatentsDoNotBreakTheFit() {
        // Column 0 duplicates column 1 and column 2 is a collapsed latent: singular without the ridge.
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = new double[] {i, i, 4.0};
            y[i] = 3.0 * i - 1.0;
        }
        LinearProbe probe = LinearProbe.fit(x, y);
        assertEquals(1.0, probe.r2(x, y), 1e-9);
        assertArrayEquals(new double[] {1.5, 1.5, 0.0}, probe.coefficients(), 1e-5);

        // Every latent collapsed: the probe predicts the training mean.
        LinearProbe mean = LinearProbe.fit(new double[][] {{2}, {2}, {2}}, new double[] {1, 2, 6});
        assertEquals(3.0, mean.predict(new double[] {-7}), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(new double[][] {{1, 2}, {3}}, new double[] {1, 2}));
        assertEquals("x row 1 has 1 values, expected 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(new double[][] {{1}, {3}}, new double[] {1, Double.NaN}));
        assertEquals("y[1] is NaN, expected a finite value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.fit(new double[][] {{1}, {3}}, new double[] {1, 2, 3}));
        assertEquals("x has 2 rows but y has 3", e.getMessage());

        LinearProbe probe = LinearProbe.fit(new double[][] {{1, 0}, {3, 1}, {0, 2}}, new double[] {1, 2, 3});
        e = assertThrows(IllegalArgumentException.class, () -> probe.predict(new double[] {1}));
        assertEquals("x has 1 values but the probe was fitted on 2 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> probe.r2(new double[][] {{1, 0}, {2, 0}}, new double[] {4, 4}));
        assertEquals("y has the same value in every row; R² is undefined", e.getMessage());
    }
}
