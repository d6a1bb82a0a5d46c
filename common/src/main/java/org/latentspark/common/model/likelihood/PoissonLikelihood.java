package org.latentspark.common.model.likelihood;

import org.apache.commons.math3.special.Gamma;
import org.latentspark.common.model.arrays.Reductions;
import org.nd4j.linalg.api.buffer.DataType;
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
    /** log x! for the small counts that spike trains are made of; larger or fractional ones go to log Γ. */
    private static final double[] LOG_FACTORIALS = new double[256];

    static {
        for (int k = 1; k < LOG_FACTORIALS.length; k++) {
            LOG_FACTORIALS[k] = LOG_FACTORIALS[k - 1] + Math.log(k);
        }
    }

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

    /**
     * Row by row in the arrays' own memory, one exp an element: as ND4J ops (two exps, log Γ of every count, and
     * their temporaries) the loss was 13% of an LFADS minibatch at n = 128. A float model's exps are
     * {@link FloatExp}'s, and the sums are {@link Reductions}', so that the loops vectorize.
     */
    @Override
    public double gradientAndTotal(INDArray logRates, INDArray x, INDArray out) {
        if (!RowPass.applies(logRates, x, out)) {
            return Likelihood.super.gradientAndTotal(logRates, x, out);
        }
        boolean precise = logRates.dataType() == DataType.DOUBLE;
        return RowPass.run(logRates, x, out, (logRate, count, grad) -> {
            int d = logRate.length;
            double countTerms = Reductions.dot(count, logRate, d);
            System.arraycopy(logRate, 0, grad, 0, d);
            FloatExp.inPlace(grad, precise);
            double rates = Reductions.sum(grad, d);
            for (int j = 0; j < d; j++) {
                grad[j] -= count[j];
            }
            double factorials = 0;
            for (int j = 0; j < d; j++) {
                factorials += logFactorial(count[j]);
            }
            return rates - countTerms + factorials;
        });
    }

    private static double logFactorial(double count) {
        int k = (int) count;
        return k == count && k >= 0 && k < LOG_FACTORIALS.length ? LOG_FACTORIALS[k] : Gamma.logGamma(count + 1);
    }

    /** The rates exp(l). */
    @Override
    public INDArray mean(INDArray logRates) {
        return Transforms.exp(logRates, true);
    }
}
