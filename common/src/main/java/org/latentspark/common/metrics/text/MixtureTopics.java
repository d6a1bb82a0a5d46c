package org.latentspark.common.metrics.text;

/**
 * A mixture topic model, as in LDA (Blei, Ng and Jordan, "Latent Dirichlet allocation", JMLR 2003): each topic
 * k is a word distribution β_k, and a document with topic proportions θ draws each word from
 * p(w | θ) = Σ_k θ_k β_kw. Topics rank their words by β_kw.
 */
public final class MixtureTopics implements TopicWordModel {
    private static final long serialVersionUID = 1L;

    private final double[][] beta;

    /**
     * The model with topics {@code beta} (K × V), each row non-negative and summing to 1 (within 1e-6). The
     * rows are copied.
     */
    public MixtureTopics(double[][] beta) {
        this.beta = TopicMatrices.distributions("beta", beta);
    }

    @Override
    public int topicCount() {
        return beta.length;
    }

    @Override
    public int vocabularySize() {
        return beta[0].length;
    }

    /** β_k itself. */
    @Override
    public double[] topicWordScores(int topic) {
        TopicMatrices.checkTopic(topic, beta.length);
        return beta[topic].clone();
    }

    /** β, a copy. */
    @Override
    public double[][] topicWordDistributions() {
        return TopicMatrices.copy("beta", beta);
    }

    /** Σ_k θ_k β_k; θ should be a distribution over topics, as inference returns it. */
    @Override
    public double[] wordDistribution(double[] theta) {
        TopicMatrices.checkTheta(theta, beta.length);
        double[] p = new double[beta[0].length];
        for (int k = 0; k < beta.length; k++) {
            double t = theta[k];
            double[] row = beta[k];
            for (int w = 0; w < p.length; w++) {
                p[w] += t * row[w];
            }
        }
        return p;
    }
}
