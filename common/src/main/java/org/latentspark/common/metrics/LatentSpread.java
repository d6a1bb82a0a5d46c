package org.latentspark.common.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * How fully a set of latent codes spreads over its latent space: the two measures recommended by
 * Marbut, McKinney-Bock and Wheeler, "Reliable Measures of Spread in High Dimensional Latent Spaces"
 * (ICML 2023, arXiv:2212.08172), one based on principal components (EEE, Eigenvalue Early
 * Enrichment) and one on entropy (VRM, Vasicek Ratio MSE). Unlike average cosine similarity, both
 * are meant to be compared between models of different dimensionality.
 *
 * <p>The formulas follow the authors' reference implementation ({@code AUC_eigensum} and
 * {@code vasicek_entropy} in {@code alternate_isotropy_measures.py} of github.com/amarbut/isotropy,
 * the same code as {@code EEE} and {@code VRM} in github.com/amarbut/manifolds). Both start from a
 * full PCA of the rows of {@code z} (n rows, d columns, n &gt; d): eigenvalues
 * λ_1 ≥ … ≥ λ_d of the sample covariance (divisor n - 1) and the matching principal-component
 * scores.
 *
 * <p>EEE: with T = Σ λ_i, cumulative sums C_k = λ_1 + … + λ_k and the uniform reference R_k = kT/d,
 * D_k = C_k - R_k (k = 1..d) is integrated by the trapezoid rule over unit steps and divided by
 * the area Td/2 of the triangle under the reference:
 * <pre>EEE = [ Σ_{k=1}^{d-1} (D_k + D_{k+1}) / 2 ] / (T d / 2)</pre>
 * It is 0 exactly when all eigenvalues are equal (isotropic data) and grows as variance concentrates
 * in the leading components, up to ((d-1)/d)^2 when one eigenvalue holds all the variance (the
 * reference implementation's trapezoid starts at the first component, so the triangle is never
 * filled).
 *
 * <p>VRM: the scores are scaled by sqrt(d/T) so that the total variance equals that of a standard
 * normal in d dimensions; for each component j, H_j is Vasicek's (1976) spacing estimate of its
 * differential entropy, r_j = exp(H_j) / exp(½ ln(2πe)) compares it with the entropy of N(0,1), and
 * <pre>VRM = (1/d) Σ_j (1 - r_j)^2</pre>
 * It is 0 when every rescaled component has the entropy of N(0,1), i.e. for isotropic Gaussian data
 * (up to the estimator's finite-sample bias), and has no fixed upper bound; a component with no
 * spread has r_j = 0, so data on one axis scores at least (d-1)/d.
 *
 * <p>Choices where this class differs from the reference code, both to make the value
 * deterministic and independent of sample size regime: (1) the reference rescales to the total
 * variance of a freshly drawn N(0, I_d) sample of the same size, whose expectation is exactly d; d is
 * used here. (2) The reference calls scipy's {@code differential_entropy}, whose default method
 * switches to other estimators for n ≤ 1000; the Vasicek estimator is used here for every n, with
 * scipy's default window m = floor(sqrt(n) + 1/2) and boundary rule X_(i) = X_(1) for i &lt; 1 and
 * X_(n) for i &gt; n:
 * <pre>H = (1/n) Σ_{i=1}^{n} ln( n/(2m) · (X_(i+m) - X_(i-m)) )</pre>
 */
public final class LatentSpread {
    /** exp of the entropy of N(0, 1), exp(½ ln(2πe)). */
    private static final double STANDARD_NORMAL_ENTROPY_EXP = Math.sqrt(2.0 * Math.PI * Math.E);

    private LatentSpread() {
    }

    /** Eigenvalue Early Enrichment of the rows of {@code z}; see the class documentation. */
    public static double eee(double[][] z) {
        Pca pca = new Pca(z);
        int d = pca.eigenvalues.length;
        double total = pca.total;
        double area = 0.0;
        double cumulative = 0.0;
        double previous = 0.0;
        for (int k = 1; k <= d; k++) {
            cumulative += pca.eigenvalues[k - 1];
            double gap = cumulative - k * total / d;
            if (k > 1) {
                area += (previous + gap) / 2.0;
            }
            previous = gap;
        }
        return area / (total * d / 2.0);
    }

    /** Vasicek Ratio MSE of the rows of {@code z}; see the class documentation. */
    public static double vrm(double[][] z) {
        Pca pca = new Pca(z);
        int n = z.length;
        int d = pca.eigenvalues.length;
        int m = (int) Math.floor(Math.sqrt(n) + 0.5);
        if (2 * m >= n) {
            throw new IllegalArgumentException("z has " + n + " rows; the Vasicek window m = " + m
                    + " needs more than 2m rows");
        }
        double scale = Math.sqrt(d / pca.total);
        double[] scores = new double[n];
        double sum = 0.0;
        for (int j = 0; j < d; j++) {
            double[] axis = pca.axes[j];
            for (int i = 0; i < n; i++) {
                double s = 0.0;
                for (int k = 0; k < d; k++) {
                    s += (z[i][k] - pca.mean[k]) * axis[k];
                }
                scores[i] = scale * s;
            }
            double r = Math.exp(vasicekEntropy(scores, m)) / STANDARD_NORMAL_ENTROPY_EXP;
            sum += (1.0 - r) * (1.0 - r);
        }
        return sum / d;
    }

    /** Vasicek's estimate; sorts {@code x} in place. A zero spacing gives -Infinity (no spread). */
    private static double vasicekEntropy(double[] x, int m) {
        Arrays.sort(x);
        int n = x.length;
        double sumLog = 0.0;
        for (int i = 0; i < n; i++) {
            sumLog += Math.log(x[Math.min(i + m, n - 1)] - x[Math.max(i - m, 0)]);
        }
        return sumLog / n + Math.log(n / (2.0 * m));
    }

    /** Full PCA of the rows: eigenvalues in descending order and their unit eigenvectors (axes). */
    private static final class Pca {
        final double[] mean;
        final double[] eigenvalues;
        final double[][] axes;
        final double total;

        Pca(double[][] z) {
            int d = Inputs.matrix("z", z);
            int n = z.length;
            if (n <= d) {
                throw new IllegalArgumentException("z has " + n + " rows and " + d
                        + " columns; a full principal-component analysis needs more rows than columns");
            }
            mean = Moments.columnMeans(z);
            RealMatrix covariance = new Array2DRowRealMatrix(Moments.scatter(z, mean), false)
                    .scalarMultiply(1.0 / (n - 1));
            EigenDecomposition eigen = new EigenDecomposition(covariance);
            double[] raw = eigen.getRealEigenvalues();
            Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> raw[i]).reversed());
            eigenvalues = new double[d];
            axes = new double[d][];
            double sum = 0.0;
            for (int j = 0; j < d; j++) {
                // A covariance matrix has no negative eigenvalues; a tiny negative one is round-off.
                eigenvalues[j] = Math.max(0.0, raw[order[j]]);
                axes[j] = eigen.getEigenvector(order[j]).toArray();
                sum += eigenvalues[j];
            }
            if (!(sum > 0.0)) {
                throw new IllegalArgumentException("z has the same value in every row; its spread is undefined");
            }
            total = sum;
        }
    }
}
