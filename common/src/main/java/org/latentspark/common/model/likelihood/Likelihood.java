package org.latentspark.common.model.likelihood;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The observation model p(x | z) of a latent model: how the decoder's output parameterizes a distribution over
 * the data. Training uses the SameDiff form; evaluation (reconstruction, importance weighting) uses the ND4J form,
 * and a test checks that the two agree.
 */
public interface Likelihood {
    /** Name used in configuration (model.likelihood). */
    String name();

    /** Decoder outputs per observed feature (1 for a Bernoulli logit or a fixed-variance Gaussian mean). */
    int paramsPerFeature();

    /** Per-example negative log-likelihood, shape [n], from decoder output [n, k·d] and data [n, d]. */
    SDVariable negLogLikelihood(SameDiff sd, SDVariable decoderOutput, SDVariable x);

    /** The same quantity on plain arrays: per-example negative log-likelihood as a [n] vector. */
    INDArray negLogLikelihood(INDArray decoderOutput, INDArray x);

    /** The distribution's mean for each feature, [n, d], e.g. to show reconstructions. */
    INDArray mean(INDArray decoderOutput);
}
