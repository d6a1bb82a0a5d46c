package org.latentspark.common.model.likelihood;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson observations (spike counts) with log-rates l: −log p(x|l) = Σ_d exp(l_d) − x_d·l_d + log Γ(x_d + 1).
 * The log Γ term does not depend on the parameters but is kept, so that the reported negative log-likelihood is
 * exact (and bits per spike compare across models). SameDiff has no lgamma in its math namespace; the graph uses
 * libnd4j's {@code lgamma} op directly, on the labels only, so backpropagation never reaches it.
 */
public final class PoissonLikelihood implements Likelihood {
    public static final String NAME = "poisson";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerFeature() {
        return 1;
    }

    @Override
    public SDVariable negLogLikelihood(SameDiff sd, SDVariable logRates, SDVariable x) {
        SDVariable logFactorial = new Lgamma(sd, x.add(1.0)).outputVariable();
        SDVariable perFeature = sd.math().exp(logRates).sub(x.mul(logRates)).add(logFactorial);
        return perFeature.sum(1);
    }

    @Override
    public INDArray negLogLikelihood(INDArray logRates, INDArray x) {
        INDArray logFactorial = Nd4j.exec(new Lgamma(x.add(1.0)))[0];
        return Transforms.exp(logRates, true).subi(x.mul(logRates)).addi(logFactorial).sum(1);
    }

    /** The rates exp(l). */
    @Override
    public INDArray mean(INDArray logRates) {
        return Transforms.exp(logRates, true);
    }
}
