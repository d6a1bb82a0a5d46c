package org.latentspark.common.metrics;

/**
 * The importance-weighted estimate of log p(x) from Burda, Grosse and Salakhutdinov, "Importance
 * Weighted Autoencoders" (ICLR 2016): with K samples z_k ~ q(z|x) and log weights
 * {@code w_k = log p(x, z_k) - log q(z_k|x)}, the bound is {@code log (1/K) sum_k exp(w_k)}. Log
 * weights of a VAE are in the hundreds or thousands of nats, so the mean is taken after shifting by
 * the largest weight; exp of the raw weights would overflow or underflow to 0.
 */
public final class ImportanceWeightedBound {
    private ImportanceWeightedBound() {
    }

    /**
     * {@code log((1/K) sum_k exp(w_k))}, computed as {@code max + log((1/K) sum_k exp(w_k - max))}.
     * A weight of negative infinity (a sample of zero weight) is allowed; NaN and positive infinity
     * are not. If every weight is negative infinity the result is negative infinity.
     */
    public static double logMeanExp(double[] logWeights) {
        if (logWeights == null || logWeights.length == 0) {
            throw new IllegalArgumentException("logWeights is empty");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logWeights.length; k++) {
            double w = logWeights[k];
            if (Double.isNaN(w) || w == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logWeights[" + k + "] is " + w
                        + ", expected a finite value or -Infinity");
            }
            max = Math.max(max, w);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (double w : logWeights) {
            sum += Math.exp(w - max);
        }
        return max + Math.log(sum / logWeights.length);
    }

    /** The IWAE estimate of the negative log-likelihood -log p(x), in nats: {@code -logMeanExp}. */
    public static double negativeLogLikelihood(double[] logWeights) {
        return -logMeanExp(logWeights);
    }
}
