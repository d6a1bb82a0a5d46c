package org.latentspark.common.metrics;

/**
 * KL divergence of a diagonal Gaussian posterior from the standard normal prior,
 * KL( N(mu, exp(logvar)) || N(0, 1) ), in nats, in closed form (Kingma and Welling, "Auto-Encoding
 * Variational Bayes", ICLR 2014, Appendix B). Per dimension it is
 * {@code 0.5 * (mu^2 + exp(logvar) - logvar - 1)}; the per-dimension view shows which latent
 * dimensions carry information and which have collapsed to the prior (KL near 0).
 */
public final class GaussianKl {
    private GaussianKl() {
    }

    /** KL of each dimension; {@code mu} and {@code logvar} must have the same, non-zero length. */
    public static double[] perDimension(double[] mu, double[] logvar) {
        int d = Inputs.vector("mu", mu);
        Inputs.sameLength("mu", d, "logvar", Inputs.vector("logvar", logvar), "values");
        double[] kl = new double[d];
        for (int j = 0; j < d; j++) {
            kl[j] = 0.5 * (mu[j] * mu[j] + Math.exp(logvar[j]) - logvar[j] - 1.0);
        }
        return kl;
    }

    /** KL of the whole diagonal Gaussian: the sum over dimensions, since they are independent. */
    public static double total(double[] mu, double[] logvar) {
        double sum = 0.0;
        for (double k : perDimension(mu, logvar)) {
            sum += k;
        }
        return sum;
    }
}
