package org.latentspark.common.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gaussian observations with a learned mean and a fixed standard deviation σ (model.gaussian-sigma):
 * −log p(x|m) = Σ_d (x_d − m_d)² / 2σ² + d·(log σ + ½ log 2π). A fixed σ keeps constant pixels (image borders)
 * from driving a learned variance to zero and the likelihood to infinity.
 */
public final class GaussianLikelihood implements Likelihood {
    public static final String NAME = "gaussian";
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double sigma;

    public GaussianLikelihood(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("Gaussian sigma must be positive, got " + sigma);
        }
        this.sigma = sigma;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerFeature() {
        return 1;
    }

    private double constantPerFeature() {
        return Math.log(sigma) + HALF_LOG_2PI;
    }

    /** (m − x) / σ². */
    @Override
    public void gradient(INDArray mean, INDArray x, INDArray out) {
        mean.sub(x, out).divi(sigma * sigma);
    }

    @Override
    public INDArray negLogLikelihood(INDArray mean, INDArray x) {
        INDArray diff = x.sub(mean);
        return diff.muli(diff).divi(2 * sigma * sigma).addi(constantPerFeature()).sum(1);
    }

    @Override
    public INDArray mean(INDArray decoderOutput) {
        return decoderOutput.dup();
    }
}
