package org.latentspark.common.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * A linear probe: least-squares regression with intercept from latent codes (typically posterior
 * means) to one ground-truth factor, scored by R² on held-out rows. How much of a factor a linear
 * read-out recovers is a standard check of what a representation has captured (e.g. Alain and
 * Bengio, "Understanding intermediate layers using linear classifier probes", 2016).
 *
 * <p>The fit centres x and y and solves the normal equations (X_c^T X_c + λI) β = X_c^T y_c by
 * Cholesky, with intercept b = mean(y) - β·mean(x). The ridge λ = 1e-6 · trace(X_c^T X_c) / d is
 * there only so that collapsed (constant) or duplicated latent dimensions, common in VAEs, do not
 * make the system singular. It shrinks the fit along each principal direction of X_c, of scatter σ,
 * by the factor σ / (σ + λ): negligible unless that direction holds less than about 1e-6 of the
 * average scatter per column. If every column of x is constant the slopes are 0 and the probe
 * predicts the training mean.
 */
public final class LinearProbe {
    private static final double RELATIVE_RIDGE = 1e-6;

    private final double[] coefficients;
    private final double intercept;

    private LinearProbe(double[] coefficients, double intercept) {
        this.coefficients = coefficients;
        this.intercept = intercept;
    }

    /** Fits the probe on rows {@code x} (n × d) and targets {@code y} (n). */
    public static LinearProbe fit(double[][] x, double[] y) {
        int d = Inputs.matrix("x", x);
        Inputs.sameLength("x", x.length, "y", Inputs.vector("y", y), "rows");
        double[] xMean = Moments.columnMeans(x);
        double yMean = mean(y);
        double[][] gram = Moments.scatter(x, xMean);
        double[] xty = new double[d];
        for (int i = 0; i < x.length; i++) {
            double yc = y[i] - yMean;
            for (int j = 0; j < d; j++) {
                xty[j] += (x[i][j] - xMean[j]) * yc;
            }
        }
        double trace = 0.0;
        for (int j = 0; j < d; j++) {
            trace += gram[j][j];
        }
        double[] beta = new double[d];
        if (trace > 0.0) {
            double ridge = RELATIVE_RIDGE * trace / d;
            for (int j = 0; j < d; j++) {
                gram[j][j] += ridge;
            }
            // Positivity threshold 0 instead of the library's absolute 1e-10: the ridge already keeps
            // the pivots positive, and latents of small scale have legitimately small pivots.
            beta = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0).getSolver()
                    .solve(new ArrayRealVector(xty, false)).toArray();
        }
        double b = yMean;
        for (int j = 0; j < d; j++) {
            b -= beta[j] * xMean[j];
        }
        return new LinearProbe(beta, b);
    }

    /** The prediction for one row, which must have as many values as the training rows. */
    public double predict(double[] x) {
        checkWidth("x has", Inputs.vector("x", x));
        return apply(x);
    }

    /**
     * R² = 1 - SS_res / SS_tot on the rows {@code x} and targets {@code y}, with SS_tot about the mean
     * of this {@code y}: 1 is a perfect fit, 0 is no better than that mean, below 0 is worse (a probe
     * that learned nothing transferable). Undefined, and rejected, when {@code y} is constant.
     */
    public double r2(double[][] x, double[] y) {
        checkWidth("x rows have", Inputs.matrix("x", x));
        Inputs.sameLength("x", x.length, "y", Inputs.vector("y", y), "rows");
        double yMean = mean(y);
        double ssRes = 0.0;
        double ssTot = 0.0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - apply(x[i]);
            ssRes += r * r;
            ssTot += (y[i] - yMean) * (y[i] - yMean);
        }
        if (ssTot == 0.0) {
            throw new IllegalArgumentException("y has the same value in every row; R² is undefined");
        }
        return 1.0 - ssRes / ssTot;
    }

    /** The slopes, one per column of x. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public double intercept() {
        return intercept;
    }

    private double apply(double[] row) {
        double p = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            p += coefficients[j] * row[j];
        }
        return p;
    }

    private void checkWidth(String subject, int width) {
        if (width != coefficients.length) {
            throw new IllegalArgumentException(subject + " " + width + " values but the probe was fitted on "
                    + coefficients.length + " columns");
        }
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double a : v) {
            s += a;
        }
        return s / v.length;
    }
}
