package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImportanceWeightedBoundTest {
    @Test
    void equalWeightsGiveThatWeight() {
        assertEquals(-3.5, ImportanceWeightedBound.logMeanExp(new double[] {-3.5, -3.5, -3.5}), 1e-15);
    }

    @Test
    void meanOfOneAndThreeIsTwo() {
        assertEquals(Math.log(2.0),
                ImportanceWeightedBound.logMeanExp(new double[] {Math.log(1.0), Math.log(3.0)}), 1e-15);
    }

    @Test
    void largeMagnitudesNeitherOverflowNorUnderflow() {
        // exp(1e4) overflows and exp(-1e4) underflows to 0; the shifted sum must not.
        assertEquals(1e4 + Math.log(2.0),
                ImportanceWeightedBound.logMeanExp(new double[] {1e4, 1e4 + Math.log(3.0)}), 1e-9);
        assertEquals(-1e4 + Math.log(2.0),
                ImportanceWeightedBound.logMeanExp(new double[] {-1e4, -1e4 + Math.log(3.0)}), 1e-9);
        // A negligible second weight: log((1 + e^-1e4) / 2) = -log 2.
        assertEquals(-Math.log(2.0), ImportanceWeightedBound.logMeanExp(new double[] {0.0, -1e4}), 1e-15);
    }

    @Test
    void negativeLogLikelihoodIsTheNegatedBound() {
        double[] w = {-120.0, -118.5, -119.25};
        assertEquals(-ImportanceWeightedBound.logMeanExp(w), ImportanceWeightedBound.negativeLogLikelihood(w), 0.0);
        assertEquals(-1e4 - Math.log(2.0),
                ImportanceWeightedBound.negativeLogLikelihood(new double[] {1e4, 1e4 + Math.log(3.0)}), 1e-9);
    }

    @Test
    void zeroWeightSamplesAreAllowed() {
        // mean(0, 2) = 1
        assertEquals(0.0, ImportanceWeightedBound.logMeanExp(
                new double[] {Double.NEGATIVE_INFINITY, Math.log(2.0)}), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, ImportanceWeightedBound.logMeanExp(
                new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void rejectsEmptyNaNAndPositiveInfinity() {
        assertThrows(IllegalArgumentException.class, () -> ImportanceWeightedBound.logMeanExp(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportanceWeightedBound.logMeanExp(new double[] {0.0, Double.NaN}));
        assertEquals("logWeights[1] is NaN, expected a finite value or -Infinity", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ImportanceWeightedBound.logMeanExp(new double[] {Double.POSITIVE_INFINITY}));
    }
}
