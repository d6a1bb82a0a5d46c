package org.latentspark.common.metrics.text;

import java.io.Serializable;

/**
 * Per-word held-out perplexity by document completion (Wallach, Murray, Salakhutdinov and Mimno, "Evaluation
 * methods for topic models", ICML 2009):
 *
 * <pre>
 *   perplexity = exp( − Σ_d Σ_w n^eval_dw · log p(w | θ_d) / Σ_d N^eval_d )
 * </pre>
 *
 * where each held-out document d is split by {@link DocumentCompletion}, θ_d is the topic proportions the model
 * infers from the observed half, p(w | θ_d) is {@link TopicWordModel#wordDistribution}, n^eval_dw counts word w
 * in the evaluated half and N^eval_d is that half's length. Lower is better; a model that predicts every word
 * with probability 1/V scores V. A word given probability 0 makes the perplexity infinite.
 *
 * <p>The point estimate θ_d stands in for the integral over θ of Wallach et al., for LDA and the neural model
 * alike, so that both are scored by the same definition. The sums are computed per document and added up
 * ({@link Sum#plus}), so that they can be computed over a distributed corpus and reduced.
 */
public final class Perplexity {
    private Perplexity() {
    }

    /** The evaluated half's log-likelihood and length for one document, given p(w | θ) for every word. */
    public static Sum document(double[] wordDistribution, BagOfWords evaluated) {
        double logLikelihood = 0.0;
        for (int i = 0; i < evaluated.size(); i++) {
            int w = evaluated.index(i);
            if (w >= wordDistribution.length) {
                throw new IllegalArgumentException("evaluated word " + w + " is outside the word distribution of "
                        + wordDistribution.length + " words");
            }
            logLikelihood += evaluated.count(i) * Math.log(wordDistribution[w]);
        }
        return new Sum(logLikelihood, evaluated.tokens());
    }

    /** The same for a model and the θ it inferred from the document's observed half. */
    public static Sum document(TopicWordModel model, double[] theta, BagOfWords evaluated) {
        return document(model.wordDistribution(theta), evaluated);
    }

    /** Σ log p(w | θ_d) over evaluated tokens, and their number, over some documents. Immutable. */
    public static final class Sum implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The sum over no documents, the identity of {@link #plus}. */
        public static final Sum ZERO = new Sum(0.0, 0);

        private final double logLikelihood;
        private final long tokens;

        public Sum(double logLikelihood, long tokens) {
            if (tokens < 0 || Double.isNaN(logLikelihood)) {
                throw new IllegalArgumentException("a perplexity sum needs tokens >= 0 and a log-likelihood that is "
                        + "not NaN, got " + tokens + " and " + logLikelihood);
            }
            this.logLikelihood = logLikelihood;
            this.tokens = tokens;
        }

        /** The sum over both sets of documents. */
        public Sum plus(Sum other) {
            return new Sum(logLikelihood + other.logLikelihood, tokens + other.tokens);
        }

        public double logLikelihood() {
            return logLikelihood;
        }

        public long tokens() {
            return tokens;
        }

        /** exp(−logLikelihood / tokens); needs at least one evaluated token. */
        public double perplexity() {
            if (tokens == 0) {
                throw new IllegalStateException("no evaluated tokens: every held-out document has fewer than 2 tokens");
            }
            return Math.exp(-logLikelihood / tokens);
        }
    }
}
