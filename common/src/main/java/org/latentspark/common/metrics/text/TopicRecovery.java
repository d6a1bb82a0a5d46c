package org.latentspark.common.metrics.text;

/**
 * How well learned topics recover known true topics (on simulated corpora): the learned topics are matched
 * one-to-one to the true ones so that the total similarity is largest ({@link HungarianAssignment}), and the
 * score is the mean similarity of each true topic to its match; 1 is perfect recovery. When fewer topics were
 * learned than are true, the unmatched true topics count 0; surplus learned topics are ignored. Topics are
 * word distributions ({@link TopicWordModel#topicWordDistributions}: β_k for LDA, softmax(B_k) for ProdLDA).
 *
 * <p>Similarity is 1 − TV(p, q) = Σ_w min(p_w, q_w), one minus the total variation distance: the probability
 * mass two topics share. TV is a metric on distributions, and the similarity lies in [0, 1] (1 for identical
 * topics, 0 for disjoint supports), so scores compare across corpora; it weighs each word by the mass it carries. That suits topics
 * estimated under a Dirichlet prior: the cosine of the probability vectors is dominated by the few most
 * probable words and hardly sees how the rest of the mass is placed, while the Hellinger distance, through its
 * square roots, weighs the many near-zero tail probabilities heavily, and those are set more by the prior's
 * smoothing than by what was learned (a topic right on its top words but with its 5% of tail mass moved
 * elsewhere scores 0.84 under 1 − Hellinger, 0.95 here).
 */
public final class TopicRecovery {
    private final int[] learnedTopicOf;
    private final double[] similarities;

    private TopicRecovery(int[] learnedTopicOf, double[] similarities) {
        this.learnedTopicOf = learnedTopicOf;
        this.similarities = similarities;
    }

    /** Matches {@code learned} (K' × V) to {@code truth} (K × V); both rows are word distributions. */
    public static TopicRecovery match(double[][] learned, double[][] truth) {
        double[][] l = TopicMatrices.distributions("learned", learned);
        double[][] t = TopicMatrices.distributions("truth", truth);
        if (l[0].length != t[0].length) {
            throw new IllegalArgumentException("learned topics have " + l[0].length + " words but true topics have "
                    + t[0].length);
        }
        double[][] cost = new double[t.length][l.length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < l.length; j++) {
                cost[i][j] = -similarity(t[i], l[j]);
            }
        }
        int[] learnedTopicOf = HungarianAssignment.minimumCost(cost);
        double[] similarities = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            similarities[i] = learnedTopicOf[i] < 0 ? 0.0 : -cost[i][learnedTopicOf[i]];
        }
        return new TopicRecovery(learnedTopicOf, similarities);
    }

    /** 1 − total variation distance, Σ_w min(p_w, q_w), between two word distributions of the same length. */
    public static double similarity(double[] p, double[] q) {
        double shared = 0.0;
        for (int w = 0; w < p.length; w++) {
            shared += Math.min(p[w], q[w]);
        }
        return shared;
    }

    /** The mean over true topics of the similarity to the matched learned topic. */
    public double mean() {
        double sum = 0.0;
        for (double s : similarities) {
            sum += s;
        }
        return sum / similarities.length;
    }

    /** The learned topic matched to true topic {@code trueTopic}, or −1 if none is. */
    public int learnedTopicOf(int trueTopic) {
        return learnedTopicOf[trueTopic];
    }

    /** For each true topic, the similarity to its match (0 if unmatched). */
    public double[] similarities() {
        return similarities.clone();
    }
}
