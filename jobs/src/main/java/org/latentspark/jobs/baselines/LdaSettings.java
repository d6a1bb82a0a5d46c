package org.latentspark.jobs.baselines;

import java.io.Serializable;

/**
 * Settings of the Spark ML LDA baseline ({@link MllibLdaBaseline}), fitted by online variational Bayes
 * (Hoffman, Blei and Bach, "Online learning for latent Dirichlet allocation", NIPS 2010).
 *
 * @param topics             K, the number of topics (≥ 2)
 * @param maxIterations      minibatch updates of the online optimizer (≥ 1)
 * @param seed               seeds the initial topics, the minibatch sampling and inference
 * @param docConcentration   α of the symmetric Dirichlet prior on θ; 0 keeps Spark's default (1/K for online)
 * @param topicConcentration η of the symmetric Dirichlet prior on the topics; 0 keeps Spark's default (1/K)
 * @param subsamplingRate    fraction of the corpus in each minibatch, in (0, 1]
 * @param learningOffset     τ_0 of the step size ρ_t = (τ_0 + t)^−κ (κ = 0.51, Spark's default), ≥ 1. Spark's
 *                           default 1024 suits millions of documents; on a small corpus its steps are so short that
 *                           the near-uniform initial topics barely separate in tens of iterations, and a small
 *                           τ_0 (Hoffman et al. tried 1 to 1024) is needed
 */
public record LdaSettings(int topics, int maxIterations, long seed, double docConcentration,
                          double topicConcentration, double subsamplingRate, double learningOffset)
        implements Serializable {
    /** Spark's default minibatch fraction. */
    public static final double DEFAULT_SUBSAMPLING_RATE = 0.05;
    /** Spark's default τ_0. */
    public static final double DEFAULT_LEARNING_OFFSET = 1024;

    public LdaSettings {
        if (topics < 2) {
            throw new IllegalArgumentException("topics is " + topics + ", expected at least 2");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + ", expected at least 1");
        }
        if (!(docConcentration >= 0.0) || Double.isInfinite(docConcentration)) {
            throw new IllegalArgumentException("docConcentration is " + docConcentration
                    + ", expected a finite value > 0, or 0 for Spark's default");
        }
        if (!(topicConcentration >= 0.0) || Double.isInfinite(topicConcentration)) {
            throw new IllegalArgumentException("topicConcentration is " + topicConcentration
                    + ", expected a finite value > 0, or 0 for Spark's default");
        }
        if (!(subsamplingRate > 0.0 && subsamplingRate <= 1.0)) {
            throw new IllegalArgumentException("subsamplingRate is " + subsamplingRate
                    + ", expected a value in (0, 1]");
        }
        if (!(learningOffset >= 1.0) || Double.isInfinite(learningOffset)) {
            throw new IllegalArgumentException("learningOffset is " + learningOffset
                    + ", expected a finite value >= 1");
        }
    }
}
