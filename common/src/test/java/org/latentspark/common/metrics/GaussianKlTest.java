package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianKlTest {
    @Test
    void posteriorEqualToThePriorHasNoDivergence() {
        assertArrayEquals(new double[] {0.0, 0.0}, GaussianKl.perDimension(new double[2], new double[2]), 0.0);
    }

    @Test
    void matchesTheClosedFormPerDimensionAndInTotal() {
        double[] mu = {1.0, 0.0, -2.0};
        double[] logvar = {0.0, Math.log(2.0), Math.log(0.5)};
        // 0.5 * (mu^2 + sigma^2 - ln sigma^2 - 1), by hand
        double[] expected = {0.5, 0.5 * (1.0 - Math.log(2.0)), 0.5 * (4.0 + 0.5 + Math.log(2.0) - 1.0)};
        assertArrayEquals(expected, GaussianKl.perDimension(mu, logvar), 1e-15);
        assertEquals(expected[0] + expected[1] + expected[2], GaussianKl.total(mu, logvar), 1e-15);
    }

    @Test
    void rejectsMismatchedAndNonFiniteInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianKl.perDimension(new double[3], new double[2]));
        assertEquals("mu has 3 values but logvar has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianKl.total(new double[] {0.0, Double.NaN}, new double[2]));
        assertEquals("mu[1] is NaN, expected a finite value", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianKl.total(new double[0], new double[0]));
    }
}
