package org.latentspark.datasets.text;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws from a symmetric Dirichlet distribution as normalized Gamma variates, in log space: with concentrations
 * well below 1 (sparse topics) Gamma variates underflow to 0 in double precision, and all of them can.
 * A Gamma(a) variate with a &lt; 1 is drawn as Gamma(a + 1) · U^(1/a) (Marsaglia and Tsang 2000, "A simple method
 * for generating gamma variables", ACM TOMS 26(3)), whose logarithm log Gamma(a + 1) + log(U) / a never underflows.
 */
final class Dirichlet {
    private Dirichlet() {
    }

    /** A probability vector of {@code size} components, each with concentration {@code concentration}. */
    static double[] sample(double concentration, int size, RandomGenerator random) {
        boolean boosted = concentration < 1;
        GammaDistribution gamma = new GammaDistribution(random, boosted ? concentration + 1 : concentration, 1);
        double[] logs = new double[size];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            logs[i] = Math.log(gamma.sample());
            if (boosted) {
                logs[i] += Math.log(random.nextDouble()) / concentration;
            }
            max = Math.max(max, logs[i]);
        }
        double sum = 0;
        double[] p = new double[size];
        for (int i = 0; i < size; i++) {
            p[i] = Math.exp(logs[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
