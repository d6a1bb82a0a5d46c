package org.latentspark.common.metrics;

/**
 * Active units, from Burda, Grosse and Salakhutdinov, "Importance Weighted Autoencoders" (ICLR 2016):
 * latent dimension u is active when A_u = Cov_x( E_{q(u|x)}[u] ) exceeds a threshold, 0.01 in the
 * paper. A dimension whose posterior mean does not move with the input carries no information about
 * the input (it has collapsed to the prior), so counting active units measures how much of the
 * latent space the model actually uses.
 *
 * <p>The variance over the data is the sample variance, divided by n - 1.
 */
public final class ActiveUnits {
    /** The threshold of Burda et al. (2016). */
    public static final double DEFAULT_THRESHOLD = 0.01;

    private ActiveUnits() {
    }

    /**
     * The sample variance (n - 1 denominator) over the rows of each column of {@code zMean}, the
     * posterior means (one row per data point, at least two rows).
     */
    public static double[] meanVariances(double[][] zMean) {
        int d = Inputs.matrix("zMean", zMean);
        Inputs.atLeast("zMean row count", zMean.length, 2);
        double[] mean = Moments.columnMeans(zMean);
        double[] variance = new double[d];
        for (double[] row : zMean) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                variance[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            variance[j] /= zMean.length - 1;
        }
        return variance;
    }

    /** The number of dimensions whose posterior-mean variance is strictly above {@code threshold}. */
    public static int count(double[][] zMean, double threshold) {
        if (!(threshold >= 0.0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold is " + threshold + ", expected a finite value >= 0");
        }
        int active = 0;
        for (double v : meanVariances(zMean)) {
            if (v > threshold) {
                active++;
            }
        }
        return active;
    }
}
