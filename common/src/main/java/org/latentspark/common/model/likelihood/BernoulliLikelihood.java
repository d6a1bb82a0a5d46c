package org.latentspark.common.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
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

    /** σ(l) − x. */
    @Override
    public void gradient(INDArray logits, INDArray x, INDArray out) {
        Nd4j.exec(new Sigmoid(logits, out));
        out.subi(x);
    }

    /** Σ softplus(l) − Σ x·l: one element-wise pass, a sum and a dot product. */
    @Override
    public double totalNegLogLikelihood(INDArray logits, INDArray x) {
        double softplus = Transforms.softPlus(logits, true).sumNumber().doubleValue();
        return softplus - Nd4j.getExecutioner().exec(new Dot(x, logits)).getDouble(0);
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
