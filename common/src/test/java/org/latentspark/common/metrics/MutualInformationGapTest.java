package org.latentspark.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MutualInformationGapTest {
    private static final int BINS = MutualInformationGap.DEFAULT_BINS;

    /** Every combination of v0 in 0..3 and v1 in 0..2 once: independent, uniform factors. */
    private static double[][] grid() {
        double[][] factors = new double[12][];
        for (int i = 0; i < 12; i++) {
            factors[i] = new double[] {i % 4, i / 4};
        }
        return factors;
    }

    @Test
    void latentsCopyingTheFactorsScoreOne() {
        double[][] factors = grid();
        double[][] z = new double[12][];
        for (int i = 0; i < 12; i++) {
            // one latent per factor (affinely rescaled) and one constant latent
            z[i] = new double[] {0.5 * factors[i][0] - 1.0, 3.0 * factors[i][1], 5.0};
        }
        assertArrayEquals(new double[] {1.0, 1.0}, MutualInformationGap.perFactor(z, factors, BINS), 1e-12);
        assertEquals(1.0, MutualInformationGap.compute(z, factors, BINS), 1e-12);
    }

    @Test
    void aFactorDuplicatedInTwoLatentsHasNoGap() {
        double[][] factors = grid();
        double[][] z = new double[12][];
        for (int i = 0; i < 12; i++) {
            z[i] = new double[] {factors[i][0], factors[i][0], factors[i][1]};
        }
        assertArrayEquals(new double[] {0.0, 1.0}, MutualInformationGap.perFactor(z, factors, BINS), 1e-12);
        assertEquals(0.5, MutualInformationGap.compute(z, factors, BINS), 1e-12);
    }

    @Test
    void matchesAHandComputedTwoByTwoHistogram() {
        // Joint counts of (latent bin, factor) over 8 rows: [[3, 1], [1, 3]]; marginals 1/2 each.
        // I = 2 (3/8) ln((3/8) / (1/4)) + 2 (1/8) ln((1/8) / (1/4)) = (3/4) ln(3/2) - (1/4) ln 2,
        // H(v) = ln 2; the second latent is constant, so the gap is I / ln 2.
        double[][] z = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 0}, {1, 0}, {1, 0}, {1, 0}};
        double[][] factors = {{0}, {0}, {0}, {1}, {0}, {1}, {1}, {1}};
        double mi = 0.75 * Math.log(1.5) - 0.25 * Math.log(2.0);
        assertArrayEquals(new double[] {mi / Math.log(2.0)}, MutualInformationGap.perFactor(z, factors, BINS),
                1e-12);
    }

    @Test
    void aFactorWithFewValuesIsCategoricalEvenWhenBinningWouldMergeThem() {
        // Values 0, 0.01 and 100 are three categories (H = ln 3), but the copying latent puts 0 and
        // 0.01 in its first bin: I = H(2/3, 1/3), so the gap is H(2/3, 1/3) / ln 3, not 1.
        double[][] factors = {{0}, {0.01}, {100}, {0}, {0.01}, {100}};
        double[][] z = new double[6][];
        for (int i = 0; i < 6; i++) {
            z[i] = new double[] {factors[i][0], 1.0};
        }
        double h = -(2.0 / 3.0) * Math.log(2.0 / 3.0) - (1.0 / 3.0) * Math.log(1.0 / 3.0);
        assertEquals(h / Math.log(3.0), MutualInformationGap.compute(z, factors, BINS), 1e-12);
    }

    @Test
    void aFactorWithManyValuesIsBinnedLikeTheLatents() {
        // 100 distinct values into 4 equal-width bins on both sides: the copy is exact after binning.
        double[][] factors = new double[100][];
        double[][] z = new double[100][];
        for (int i = 0; i < 100; i++) {
            double v = i / 99.0;
            factors[i] = new double[] {v};
            z[i] = new double[] {2.0 * v + 1.0, 0.0};
        }
        assertEquals(1.0, MutualInformationGap.compute(z, factors, 4), 1e-12);
    }

    @Test
    void constantFactorsAreLeftOut() {
        double[][] factors = new double[12][];
        double[][] z = new double[12][];
        for (int i = 0; i < 12; i++) {
            factors[i] = new double[] {i % 4, 7.0};
            z[i] = new double[] {i % 4, i % 3};
        }
        double[] gaps = MutualInformationGap.perFactor(z, factors, BINS);
        assertTrue(Double.isNaN(gaps[1]));
        assertEquals(1.0, MutualInformationGap.compute(z, factors, BINS), 1e-12);

        double[][] constant = new double[12][];
        for (int i = 0; i < 12; i++) {
            constant[i] = new double[] {7.0};
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MutualInformationGap.compute(z, constant, BINS));
        assertEquals("every factor is constant; the gap is undefined", e.getMessage());
    }

    @Test
    void rejectsBadInput() {
        double[][] factors = grid();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MutualInformationGap.compute(new double[11][2], factors, BINS));
        assertEquals("z has 11 rows but factors has 12", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MutualInformationGap.compute(new double[12][1], factors, BINS));
        assertEquals("z column count is 1, expected at least 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MutualInformationGap.compute(new double[12][2], factors, 1));
        assertEquals("bins is 1, expected at least 2", e.getMessage());
        double[][] ragged = new double[12][2];
        ragged[4] = new double[3];
        e = assertThrows(IllegalArgumentException.class, () -> MutualInformationGap.compute(ragged, factors, BINS));
        assertEquals("z row 4 has 3 values, expected 2", e.getMessage());
    }
}
