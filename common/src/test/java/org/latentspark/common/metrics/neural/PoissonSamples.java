package org.latentspark.common.metrics.neural;

import java.util.Random;

/** Poisson draws for the tests' simulated spike counts (Knuth's product-of-uniforms method, small means). */
final class PoissonSamples {
    private PoissonSamples() {
    }

    static int draw(Random random, double mean) {
        double limit = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
