package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The neural topic model (product of experts) and LDA (mixture) are scored by one code path: on a hand-made corpus
 * where both models put the same word distributions on one-hot topic proportions, perplexity, NPMI and topic
 * diversity come out identical, and equal to the values worked out by hand.
 */
class SameMeasuresForBothModelsTest {
    private static final double[][] BETA = {{0.4, 0.4, 0.1, 0.1}, {0.1, 0.1, 0.4, 0.4}};
    private static final MixtureTopics LDA = new MixtureTopics(BETA);
    // log β as weights and no bias: softmax(one-hot θ · B) = β_k.
    private static final ProductOfExpertsTopics PRODLDA = new ProductOfExpertsTopics(
            new double[][] {{Math.log(0.4), Math.log(0.4), Math.log(0.1), Math.log(0.1)},
                    {Math.log(0.1), Math.log(0.1), Math.log(0.4), Math.log(0.4)}}, new double[4]);
    // Reference documents (as sets): {0,1}, {0,1}, {2}, {3}.
    private static final List<BagOfWords> REFERENCE = List.of(doc(new int[] {0, 1}, new int[] {1, 1}),
            doc(new int[] {0, 1}, new int[] {2, 1}), doc(new int[] {2}, new int[] {1}), doc(new int[] {3}, new int[] {3}));

    private static BagOfWords doc(int[] indices, int[] counts) {
        return BagOfWords.of(indices, counts, 4);
    }

    @Test
    void perplexityByDocumentCompletionIsTheSame() {
        // Held-out documents {0, 1} (θ = topic 0) and {2, 3} (θ = topic 1): each half has one token, the evaluated
        // one has probability 0.4 under its topic, so perplexity = exp(−log 0.4) = 2.5.
        BagOfWords first = doc(new int[] {0, 1}, new int[] {1, 1});
        BagOfWords second = doc(new int[] {2, 3}, new int[] {1, 1});
        for (TopicWordModel model : List.<TopicWordModel>of(LDA, PRODLDA)) {
            Perplexity.Sum sum = Perplexity.document(model, new double[] {1, 0},
                    DocumentCompletion.split(first).evaluated())
                    .plus(Perplexity.document(model, new double[] {0, 1}, DocumentCompletion.split(second).evaluated()));
            assertEquals(2.5, sum.perplexity(), 1e-12, model.getClass().getSimpleName());
        }
    }

    @Test
    void npmiAndDiversityAreTheSame() {
        // Top-2 words: topic 0 {0, 1}, topic 1 {2, 3}. NPMI(0,1) = log(0.5 / 0.25) / −log 0.5 = 1; words 2 and 3
        // never share a document: −1. Mean 0. Diversity: 4 distinct words of 2·2 = 1.
        for (TopicWordModel model : List.<TopicWordModel>of(LDA, PRODLDA)) {
            int[][] top = TopWords.of(model, 2);
            CoDocumentCounts counts = CoDocumentCounts.forTopics(top);
            REFERENCE.forEach(counts::add);
            double[] perTopic = Npmi.perTopic(top, counts);
            assertEquals(1.0, perTopic[0], 1e-12);
            assertEquals(-1.0, perTopic[1], 1e-12);
            assertEquals(0.0, Npmi.mean(top, counts), 1e-12);
            assertEquals(1.0, TopicDiversity.of(top), 1e-12);
        }
    }
}
