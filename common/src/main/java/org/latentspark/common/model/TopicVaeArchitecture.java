package org.latentspark.common.model;

import java.io.Serializable;
import java.util.List;

/**
 * The shape of a ProdLDA topic model ({@link TopicVaeGraph}).
 *
 * @param vocabulary      words in the vocabulary (V)
 * @param topics          topics (K), the latent dimension
 * @param hidden          widths of the encoder's (ELU) layers (the paper: 100, 100)
 * @param dropout         probability of dropping an encoder output or a topic proportion in training (paper: 0.2)
 * @param dirichletAlpha  concentration α of the symmetric Dirichlet prior that the Gaussian prior approximates
 * @param adamBeta1       Adam's first-moment decay; the paper's high value (0.99) helps avoid component collapse
 * @param batchNorm       batch norm on the posterior statistics and on the word logits, as in the paper; without
 *                        it the word logits get a learned per-word bias instead (what batch norm's shift gives)
 * @param annealBatchNorm the word logits' batch norm can be annealed away during training, as Scholar's is (Card et
 *                        al. 2018): the topic-word layer mixes normalized and raw logits by a weight the trainer
 *                        sets each epoch ({@link TopicVaeGraph#setBatchNormWeight})
 */
public record TopicVaeArchitecture(int vocabulary, int topics, List<Integer> hidden, double dropout,
                                   double dirichletAlpha, double adamBeta1, boolean batchNorm,
                                   boolean annealBatchNorm)
        implements Serializable {

    /** Without annealing. */
    public TopicVaeArchitecture(int vocabulary, int topics, List<Integer> hidden, double dropout,
                                double dirichletAlpha, double adamBeta1, boolean batchNorm) {
        this(vocabulary, topics, hidden, dropout, dirichletAlpha, adamBeta1, batchNorm, false);
    }

    public TopicVaeArchitecture {
        if (vocabulary < 2) {
            throw new IllegalArgumentException("vocabulary must have at least 2 words, got " + vocabulary);
        }
        if (topics < 2) {
            throw new IllegalArgumentException("topics must be at least 2, got " + topics);
        }
        if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("hidden needs one or more positive widths, got " + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(dirichletAlpha > 0)) {
            throw new IllegalArgumentException("dirichletAlpha must be positive, got " + dirichletAlpha);
        }
        if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
            throw new IllegalArgumentException("adamBeta1 must be in [0, 1), got " + adamBeta1);
        }
        if (annealBatchNorm && !batchNorm) {
            throw new IllegalArgumentException("annealing the batch norm needs batch norm");
        }
        hidden = List.copyOf(hidden);
    }

    /** The paper's settings for a vocabulary and a number of topics. */
    public static TopicVaeArchitecture prodLda(int vocabulary, int topics) {
        return new TopicVaeArchitecture(vocabulary, topics, List.of(100, 100), 0.2, 1.0, 0.99, true);
    }

    /** The Laplace approximation of the Dirichlet prior in the softmax basis. */
    public GaussianPrior prior() {
        return GaussianPrior.symmetricDirichletLaplace(topics, dirichletAlpha);
    }
}
