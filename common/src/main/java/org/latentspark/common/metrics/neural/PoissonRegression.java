package org.latentspark.common.metrics.neural;

import java.util.Arrays;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * A Poisson generalised linear model with log link and intercept, E[y | x] = exp(w·x + b), fitted by
 * minimising the objective of scikit-learn's {@code PoissonRegressor}, which the Neural Latents
 * Benchmark's smoothing baseline uses (nlb_tools {@code examples/baselines/smoothing/run_smoothing.py}):
 * <pre>
 *   1/(2n) sum_i deviance(y_i, mu_i) + alpha/2 ||w||^2
 *     = 1/n sum_i (mu_i - y_i log mu_i) + alpha/2 ||w||^2 + const,   mu_i = exp(w·x_i + b)
 * </pre>
 * with the intercept b unpenalised. The objective is convex; it is minimised by Newton's method
 * (iteratively reweighted least squares) with a Cholesky solve and a backtracking line search, to
 * the optimum that sklearn's L-BFGS approaches (it stops at a gradient of 1e-4).
 *
 * <p>If every y is 0 the infimum lies at b = -infinity, w = 0: that is the fit returned, and it
 * predicts 0. With alpha = 0 the columns of x must be linearly independent, as sklearn requires.
 * Each Newton step costs about n d^2 / 2 multiply-adds for n rows of d features.
 */
public final class PoissonRegression {
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 60;
    /** Stop when the Newton decrement g·H^{-1}g, twice the objective's predicted decrease, is this small. */
    private static final double DECREMENT_TOLERANCE = 1e-20;
    private static final double FULL_STEP_DECREMENT = 1e-10;

    private final double[] weights;
    private final double intercept;

    private PoissonRegression(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    /**
     * Fits rows {@code x} (n x d, d >= 1) to counts {@code y} (n values >= 0, need not be integers)
     * with L2 strength {@code alpha} >= 0.
     */
    public static PoissonRegression fit(double[][] x, double[] y, double alpha) {
        int d = checkRows(x);
        checkTargets(x.length, y);
        if (!(alpha >= 0.0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", expected a finite value >= 0");
        }
        int n = x.length;
        double mean = 0.0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        if (mean == 0.0) {
            return new PoissonRegression(new double[d], Double.NEGATIVE_INFINITY);
        }
        // theta = (w_0 .. w_{d-1}, b); w = 0, b = log(mean y) is the intercept-only optimum.
        double[] theta = new double[d + 1];
        theta[d] = Math.log(mean);
        double[] eta = linearPredictor(x, theta);
        double f = objective(eta, y, theta, alpha);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            derivatives(x, y, eta, theta, alpha, gradient, hessian);
            double[] direction = solve(hessian, gradient);
            double decrement = 0.0;
            for (int j = 0; j <= d; j++) {
                decrement += gradient[j] * direction[j];
            }
            if (decrement <= DECREMENT_TOLERANCE) {
                return new PoissonRegression(Arrays.copyOf(theta, d), theta[d]);
            }
            double scale = 1.0;
            // Below FULL_STEP_DECREMENT Newton converges quadratically, and the objective's rounding
            // (about 1e-16 of its value) could no longer confirm the decrease a line search asks for.
            for (int halving = 0; decrement >= FULL_STEP_DECREMENT; halving++) {
                double[] candidate = step(theta, direction, scale);
                double candidateF = objective(linearPredictor(x, candidate), y, candidate, alpha);
                // Armijo condition with c = 1e-4 along the Newton direction.
                if (candidateF <= f - 1e-4 * scale * decrement) {
                    break;
                }
                if (halving == MAX_HALVINGS) {
                    throw new IllegalStateException("Poisson regression: no step along the Newton direction"
                            + " decreases the objective (decrement " + decrement + ")");
                }
                scale /= 2.0;
            }
            double[] next = step(theta, direction, scale);
            if (negligible(theta, next)) {
                return new PoissonRegression(Arrays.copyOf(next, d), next[d]);
            }
            theta = next;
            eta = linearPredictor(x, theta);
            f = objective(eta, y, theta, alpha);
        }
        throw new IllegalStateException("Poisson regression did not converge in " + MAX_ITERATIONS
                + " Newton steps");
    }

    /** The predicted mean count exp(w·x + b) for one row of d features. */
    public double predict(double[] row) {
        if (row == null || row.length != weights.length) {
            throw new IllegalArgumentException("row has " + (row == null ? 0 : row.length)
                    + " values but the regression was fitted on " + weights.length + " features");
        }
        double eta = intercept;
        for (int j = 0; j < weights.length; j++) {
            eta += weights[j] * row[j];
        }
        return Math.exp(eta);
    }

    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    private static double[] step(double[] theta, double[] direction, double scale) {
        double[] next = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            next[j] = theta[j] - scale * direction[j];
        }
        return next;
    }

    /** Whether a step changed no parameter by more than rounding (1e-13 relative to the largest). */
    private static boolean negligible(double[] theta, double[] next) {
        double largest = 0.0;
        double change = 0.0;
        for (int j = 0; j < theta.length; j++) {
            largest = Math.max(largest, Math.abs(next[j]));
            change = Math.max(change, Math.abs(next[j] - theta[j]));
        }
        return change <= 1e-13 * (1.0 + largest);
    }

    private static double[] linearPredictor(double[][] x, double[] theta) {
        int d = theta.length - 1;
        double[] eta = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = theta[d];
            double[] row = x[i];
            for (int j = 0; j < d; j++) {
                v += theta[j] * row[j];
            }
            eta[i] = v;
        }
        return eta;
    }

    private static double objective(double[] eta, double[] y, double[] theta, double alpha) {
        double loss = 0.0;
        for (int i = 0; i < eta.length; i++) {
            loss += Math.exp(eta[i]) - y[i] * eta[i];
        }
        double penalty = 0.0;
        for (int j = 0; j < theta.length - 1; j++) {
            penalty += theta[j] * theta[j];
        }
        return loss / eta.length + 0.5 * alpha * penalty;
    }

    /** Fills the gradient and the Hessian of the objective in theta = (w, b). */
    private static void derivatives(double[][] x, double[] y, double[] eta, double[] theta, double alpha,
            double[] gradient, double[][] hessian) {
        int d = theta.length - 1;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double mu = Math.exp(eta[i]);
            double residual = mu - y[i];
            double[] row = x[i];
            for (int j = 0; j < d; j++) {
                gradient[j] += residual * row[j];
                double a = mu * row[j];
                double[] h = hessian[j];
                for (int k = j; k < d; k++) {
                    h[k] += a * row[k];
                }
                h[d] += a;
            }
            gradient[d] += residual;
            hessian[d][d] += mu;
        }
        for (int j = 0; j <= d; j++) {
            gradient[j] /= n;
            for (int k = j; k <= d; k++) {
                hessian[j][k] /= n;
                hessian[k][j] = hessian[j][k];
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] += alpha * theta[j];
            hessian[j][j] += alpha;
        }
    }

    private static double[] solve(double[][] hessian, double[] gradient) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false),
                    CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0).getSolver()
                    .solve(new ArrayRealVector(gradient, false)).toArray();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException("x has linearly dependent (e.g. constant) columns and alpha is 0:"
                    + " the Poisson regression has no unique fit; use alpha > 0", e);
        }
    }

    private static int checkRows(double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("x has no rows");
        }
        int d = x[0] == null ? 0 : x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("x row 0 is empty");
        }
        for (int i = 0; i < x.length; i++) {
            int length = x[i] == null ? 0 : x[i].length;
            if (length != d) {
                throw new IllegalArgumentException("x row " + i + " has " + length + " values, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("x row " + i + " column " + j + " is " + x[i][j]
                            + ", expected a finite value");
                }
            }
        }
        return d;
    }

    private static void checkTargets(int rows, double[] y) {
        if (y == null || y.length != rows) {
            throw new IllegalArgumentException("x has " + rows + " rows but y has " + (y == null ? 0 : y.length));
        }
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0.0) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] is " + y[i] + ", expected a finite count >= 0");
            }
        }
    }
}
