package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Batch normalisation that learns the shift β but keeps the scale γ at 1, like TensorFlow's batch_norm with
 * scale=False in ProdLDA's encoder. DL4J can only lock γ and β together, so γ gets a zero update instead (SGD at
 * rate 0: DL4J's NoOp updater would apply the raw gradient as the update).
 */
public final class UnscaledBatchNormalization extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** DL4J's defaults (decay 0.9, ε 1e-5, γ = 1, β = 0); Jackson also uses this when a saved model is read. */
    public UnscaledBatchNormalization() {
        BatchNormalization defaults = new BatchNormalization.Builder().build();
        decay = defaults.getDecay();
        eps = defaults.getEps();
        isMinibatch = defaults.isMinibatch();
        gamma = defaults.getGamma();
        beta = defaults.getBeta();
        lockGammaBeta = false;
        cudnnAllowFallback = defaults.isCudnnAllowFallback();
        useLogStd = defaults.isUseLogStd();
        cnn2DFormat = defaults.getCnn2DFormat();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return BatchNormalizationParamInitializer.GAMMA.equals(paramName) ? new Sgd(0.0)
                : super.getUpdaterByParam(paramName);
    }

    @Override
    public UnscaledBatchNormalization clone() {
        return (UnscaledBatchNormalization) super.clone();
    }
}
