package org.latentspark.common.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The observation model p(x | z) of a latent model: how the decoder's output parameterizes a distribution over
 * the data. Training uses the negative log-likelihood and its closed-form gradient (ElboLoss); evaluation the
 * negative log-likelihood and the mean. A test checks each gradient against finite differences.
 */
public interface Likelihood {
    /** Name used in configuration (model.likelihood). */
    String name();

    /** Decoder outputs per observed feature (1 for a Bernoulli logit or a fixed-variance Gaussian mean). */
    int paramsPerFeature();

    /** Per-example negative log-likelihood as a [n] vector, from decoder output [n, k·d] and data [n, d]. */
    INDArray negLogLikelihood(INDArray decoderOutput, INDArray x);

    /** The negative log-likelihood summed over the examples: what training needs, in as few passes as it takes. */
    default double totalNegLogLikelihood(INDArray decoderOutput, INDArray x) {
        return negLogLikelihood(decoderOutput, x).sumNumber().doubleValue();
    }

    /**
     * Writes the negative log-likelihood's gradient with respect to the decoder output into out, [n, k·d] (a view
     * of the loss's gradient: written in place, since every copy of a V-wide array is a pass that training pays).
     */
    void gradient(INDArray decoderOutput, INDArray x, INDArray out);

    /**
     * {@link #gradient} into out, returning {@link #totalNegLogLikelihood}: what a training step needs, for
     * likelihoods that share work between the two.
     */
    default double gradientAndTotal(INDArray decoderOutput, INDArray x, INDArray out) {
        gradient(decoderOutput, x, out);
        return totalNegLogLikelihood(decoderOutput, x);
    }

    /** The distribution's mean for each feature, [n, d], e.g. to show reconstructions. */
    INDArray mean(INDArray decoderOutput);
}
