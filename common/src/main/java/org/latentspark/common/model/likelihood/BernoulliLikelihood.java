package org.latentspark.common.model.likelihood;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli observations with logits l: −log p(x|l) = Σ_d softplus(l_d) − x_d·l_d. Also used for intensities in
 * [0, 1] (the usual continuous relaxation for images).
 */
public final class BernoulliLikelihood implements Likelihood {
    public static final String NAME = "bernoulli";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerFeature() {
        return 1;
    }

    @Override
    public SDVariable negLogLikelihood(SameDiff sd, SDVariable logits, SDVariable x) {
        SDVariable perFeature = sd.nn().softplus(logits).sub(x.mul(logits));
        return perFeature.sum(1);
    }

    @Override
    public INDArray negLogLikelihood(INDArray logits, INDArray x) {
        INDArray perFeature = Transforms.softPlus(logits, true).subi(x.mul(logits));
        return perFeature.sum(1);
    }

    @Override
    public INDArray mean(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }
}
