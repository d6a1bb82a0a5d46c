package org.latentspark.common.model.likelihood;

import java.util.List;

/** Looks up a likelihood by its configured name. */
public final class Likelihoods {
    public static final List<String> NAMES = List.of(BernoulliLikelihood.NAME, GaussianLikelihood.NAME,
            PoissonLikelihood.NAME, MultinomialLikelihood.NAME);

    private Likelihoods() {
    }

    /**
     * @param name  a name from {@link #NAMES}
     * @param sigma the fixed standard deviation, used by the Gaussian only
     */
    public static Likelihood byName(String name, double sigma) {
        switch (name) {
            case BernoulliLikelihood.NAME:
                return new BernoulliLikelihood();
            case GaussianLikelihood.NAME:
                return new GaussianLikelihood(sigma);
            case PoissonLikelihood.NAME:
                return new PoissonLikelihood();
            case MultinomialLikelihood.NAME:
                return new MultinomialLikelihood();
            default:
                throw new IllegalArgumentException("unknown likelihood '" + name + "', expected one of " + NAMES);
        }
    }
}
