package org.latentspark.common.model.likelihood;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Poisson observations (spike counts) with log-rates l: −log p(x|l) = Σ_d exp(l_d) − x_d·l_d + log Γ(x_d + 1).
 * The log Γ term does not depend on the parameters but is kept, so that the reported negative log-likelihood is
 * exact (and bits per spike compare across models); it depends on the counts only, so the gradient never has it.
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

    /** exp(l) − x. */
    @Override
    public void gradient(INDArray logRates, INDArray x, INDArray out) {
        Nd4j.exec(new Exp(logRates, out));
        out.subi(x);
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
