package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ActiveUnitsTest {
    @Test
    void meanVariancesUseTheSampleVariance() {
        double[][] zMean = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        // sum of squares about 2.5 is 5; 5 / (n - 1) = 5/3, not the population 5/4
        assertArrayEquals(new double[] {5.0 / 3.0, 0.0}, ActiveUnits.meanVariances(zMean), 1e-15);
    }

    @Test
    void countsDimensionsAboveTheThreshold() {
        // column variances with n - 1 = 1: 2, 0, 0.02, 0.005
        double[][] zMean = {{1, 5, 0.0, 0.0}, {3, 5, 0.2, 0.1}};
        assertEquals(2, ActiveUnits.count(zMean, ActiveUnits.DEFAULT_THRESHOLD));
        assertEquals(1, ActiveUnits.count(zMean, 0.03));
        // strictly above: a variance equal to the threshold is not active
        assertEquals(0, ActiveUnits.count(zMean, 2.0));
    }

    @Test
    void rejectsRaggedNonFiniteAndTooFewRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActiveUnits.meanVariances(new double[][] {{1, 2, 3}, {1, 2, 3}, {1, 2}}));
        assertEquals("zMean row 2 has 2 values, expected 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ActiveUnits.meanVariances(new double[][] {{1, 2}, {1, Double.POSITIVE_INFINITY}}));
        assertEquals("zMean row 1 column 1 is Infinity, expected a finite value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ActiveUnits.meanVariances(new double[][] {{1, 2}}));
        assertEquals("zMean row count is 1, expected at least 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActiveUnits.meanVariances(new double[0][]));
        assertThrows(IllegalArgumentException.class,
                () -> ActiveUnits.count(new double[][] {{1}, {2}}, Double.NaN));
    }
}
