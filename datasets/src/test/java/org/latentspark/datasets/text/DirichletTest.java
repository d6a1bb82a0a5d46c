package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class DirichletTest {
    /**
     * Moments of a symmetric Dirichlet(a) with K components: E[p_i] = 1/K, Var[p_i] = (1/K)(1 − 1/K)/(K a + 1).
     * For K = 3: a = 0.5 gives 2/9/2.5 = 0.08889, a = 2 gives 2/9/7 = 0.03175.
     */
    @Test
    void componentMeansAndVariancesMatchTheDirichlets() {
        assertMoments(0.5, 0.08889);
        assertMoments(2.0, 0.03175);
    }

    private static void assertMoments(double concentration, double variance) {
        Well19937c random = new Well19937c(1L);
        int draws = 20_000;
        double sum = 0;
        double sumSquares = 0;
        for (int n = 0; n < draws; n++) {
            double[] p = Dirichlet.sample(concentration, 3, random);
            assertEquals(1, p[0] + p[1] + p[2], 1e-12);
            sum += p[0];
            sumSquares += p[0] * p[0];
        }
        double mean = sum / draws;
        assertEquals(1.0 / 3, mean, 0.01, "mean at concentration " + concentration);
        assertEquals(variance, sumSquares / draws - mean * mean, 0.05 * variance, "variance at " + concentration);
    }

    /**
     * At concentration 0.001 most Gamma variates underflow to 0 in linear space; the log-space draw stays valid.
     * Beta(a, a) puts about a · 2 ln 99 / B(a, a) ≈ a ln 99 = 0.0046 of its mass on [0.01, 0.99] (B(a, a) ≈ 2 / a):
     * about 5 of 1000 draws are not within 0.01 of a corner.
     */
    @Test
    void tinyConcentrationsGiveValidNearlyOneHotVectors() {
        Well19937c random = new Well19937c(2L);
        int spread = 0;
        for (int n = 0; n < 1000; n++) {
            double[] p = Dirichlet.sample(0.001, 2, random);
            assertEquals(1, p[0] + p[1], 1e-12);
            spread += Math.max(p[0], p[1]) > 0.99 ? 0 : 1;
        }
        assertTrue(spread <= 15, spread + " draws away from the corners");
    }
}
