package org.latentspark.common.metrics.text;

import java.io.Serializable;

/**
 * What the text metrics need from a topic model, so that they are defined once for LDA (a mixture,
 * p(w | θ) = Σ_k θ_k β_kw; see {@link MixtureTopics}) and for ProdLDA (a product of experts,
 * p(w | θ) = softmax(θ·B + b); see {@link ProductOfExpertsTopics}). Inferring θ is not part of it: each model
 * infers the topic proportions its own way (an encoder, variational inference), in bulk, and passes them in.
 * Serializable, so that it can be broadcast to executors.
 */
public interface TopicWordModel extends Serializable {
    /** K, the number of topics. */
    int topicCount();

    /** V, the vocabulary size. */
    int vocabularySize();

    /**
     * A score per vocabulary word (V values) whose order ranks topic {@code topic}'s words, highest first;
     * the top words of {@link TopWords} come from it. Only the order matters.
     */
    double[] topicWordScores(int topic);

    /** Each topic as a word distribution (K rows of V non-negative values summing to 1). */
    double[][] topicWordDistributions();

    /** p(w | θ) for every word w (V values summing to 1), given the K topic proportions θ of one document. */
    double[] wordDistribution(double[] theta);
}
