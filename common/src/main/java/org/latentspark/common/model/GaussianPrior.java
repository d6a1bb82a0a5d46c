package org.latentspark.common.model;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A diagonal Gaussian prior p(z) = N(m, diag(v)) over a VAE's latent, and the closed-form KL of a diagonal
 * Gaussian posterior N(μ, σ²) from it, per dimension:
 * ½·((μ − m)²/v + σ²/v − log σ² + log v − 1). The standard normal (m = 0, v = 1) is the usual VAE prior;
 * {@link #dirichletLaplace} gives ProdLDA's.
 */
public final class GaussianPrior implements Serializable {
    private final double[] mean;
    private final double[] variance;

    public GaussianPrior(double[] mean, double[] variance) {
        if (mean.length == 0 || mean.length != variance.length) {
            throw new IllegalArgumentException("prior mean and variance need the same, non-zero length, got "
                    + mean.length + " and " + variance.length);
        }
        for (int k = 0; k < variance.length; k++) {
            if (!(variance[k] > 0) || !Double.isFinite(variance[k]) || !Double.isFinite(mean[k])) {
                throw new IllegalArgumentException("prior dimension " + k + " needs a finite mean and a positive"
                        + " variance, got mean " + mean[k] + ", variance " + variance[k]);
            }
        }
        this.mean = mean.clone();
        this.variance = variance.clone();
    }

    public static GaussianPrior standardNormal(int dim) {
        double[] ones = new double[dim];
        Arrays.fill(ones, 1.0);
        return new GaussianPrior(new double[dim], ones);
    }

    /**
     * The Laplace approximation, in the softmax basis, of a Dirichlet(α) prior over topic proportions
     * (MacKay 1998; Srivastava &amp; Sutton 2017, eq. 4): m_k = log α_k − (1/K) Σ_j log α_j,
     * v_k = (1/α_k)(1 − 2/K) + (1/K²) Σ_j 1/α_j. With K = 1 there is no simplex to speak of, so at least 2 topics.
     */
    public static GaussianPrior dirichletLaplace(double[] alpha) {
        int k = alpha.length;
        if (k < 2) {
            throw new IllegalArgumentException("a Dirichlet prior needs at least 2 topics, got " + k);
        }
        double meanLog = 0;
        double sumInverse = 0;
        for (double a : alpha) {
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new IllegalArgumentException("Dirichlet alpha must be positive, got " + a);
            }
            meanLog += Math.log(a) / k;
            sumInverse += 1 / a;
        }
        double[] mean = new double[k];
        double[] variance = new double[k];
        for (int j = 0; j < k; j++) {
            mean[j] = Math.log(alpha[j]) - meanLog;
            variance[j] = (1 / alpha[j]) * (1 - 2.0 / k) + sumInverse / ((double) k * k);
        }
        return new GaussianPrior(mean, variance);
    }

    /** {@link #dirichletLaplace} with the same α for all K topics. */
    public static GaussianPrior symmetricDirichletLaplace(int topics, double alpha) {
        double[] alphas = new double[topics];
        Arrays.fill(alphas, alpha);
        return dirichletLaplace(alphas);
    }

    public int dim() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] variance() {
        return variance.clone();
    }

    public boolean isStandardNormal() {
        for (int k = 0; k < mean.length; k++) {
            if (mean[k] != 0 || variance[k] != 1) {
                return false;
            }
        }
        return true;
    }

    /** KL per example and dimension, [n, z], from posterior statistics μ, log σ² [n, z]. */
    public INDArray klPerDim(INDArray mu, INDArray logVar) {
        INDArray m = Nd4j.createFromArray(mean).castTo(mu.dataType());
        INDArray v = Nd4j.createFromArray(variance).castTo(mu.dataType());
        INDArray diff = mu.subRowVector(m);
        return diff.muli(diff).addi(Transforms.exp(logVar, true)).diviRowVector(v)
                .subi(logVar).addiRowVector(Transforms.log(v, false)).subi(1.0).muli(0.5);
    }

    /**
     * The KL's gradient per example with respect to μ and log σ², each [n, z]: (μ − m)/v and ½·(σ²/v − 1).
     */
    public INDArray[] klGradient(INDArray mu, INDArray logVar) {
        INDArray m = Nd4j.createFromArray(mean).castTo(mu.dataType());
        INDArray v = Nd4j.createFromArray(variance).castTo(mu.dataType());
        return new INDArray[] {mu.subRowVector(m).diviRowVector(v),
            Transforms.exp(logVar, true).diviRowVector(v).subi(1.0).muli(0.5)};
    }

    /** log p(z) without the ½·log 2π per dimension (which cancels against the posterior's), [n], from z [n, z]. */
    public INDArray logDensityWithout2Pi(INDArray z) {
        INDArray m = Nd4j.createFromArray(mean).castTo(z.dataType());
        INDArray v = Nd4j.createFromArray(variance).castTo(z.dataType());
        INDArray diff = z.subRowVector(m);
        double halfLogDetV = 0;
        for (double vk : variance) {
            halfLogDetV += 0.5 * Math.log(vk);
        }
        return diff.muli(diff).diviRowVector(v).sum(1).muli(-0.5).subi(halfLogDetV);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianPrior p && Arrays.equals(mean, p.mean) && Arrays.equals(variance, p.variance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(variance);
    }
}
