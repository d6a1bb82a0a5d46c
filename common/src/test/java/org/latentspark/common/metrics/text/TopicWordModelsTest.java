package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicWordModelsTest {
    private static final double LOG3 = Math.log(3);

    @Test
    void mixtureAveragesTopicsByTheirProportions() {
        MixtureTopics lda = new MixtureTopics(new double[][] {{0.5, 0.5, 0.0}, {0.0, 0.2, 0.8}});
        assertArrayEquals(new double[] {0.125, 0.275, 0.6}, lda.wordDistribution(new double[] {0.25, 0.75}), 1e-12);
        assertArrayEquals(new double[] {0.0, 0.2, 0.8}, lda.topicWordScores(1), 0.0);
        assertArrayEquals(new double[] {0.5, 0.5, 0.0}, lda.topicWordDistributions()[0], 0.0);
        assertEquals(2, lda.topicCount());
        assertEquals(3, lda.vocabularySize());
    }

    @Test
    void productOfExpertsIsTheSoftmaxOfTheMixedLogits() {
        ProductOfExpertsTopics prod = new ProductOfExpertsTopics(new double[][] {{LOG3, 0}, {0, LOG3}},
                new double[] {Math.log(2), 0});
        // θ = e_0: logits (log 6, 0) -> (6/7, 1/7)
        assertArrayEquals(new double[] {6.0 / 7, 1.0 / 7}, prod.wordDistribution(new double[] {1, 0}), 1e-12);
        // θ = (½, ½): logits (log 3 / 2 + log 2, log 3 / 2) -> (2/3, 1/3)
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, prod.wordDistribution(new double[] {0.5, 0.5}), 1e-12);
        // topic 0 as a distribution: softmax(B_0) = (3/4, 1/4), without the background bias
        double[][] topics = prod.topicWordDistributions();
        assertArrayEquals(new double[] {0.75, 0.25}, topics[0], 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75}, topics[1], 1e-12);
        assertArrayEquals(new double[] {0, LOG3}, prod.topicWordScores(1), 0.0);
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        ProductOfExpertsTopics prod = new ProductOfExpertsTopics(new double[][] {{1000, 1000 + Math.log(3)}},
                new double[] {0, 0});
        assertArrayEquals(new double[] {0.25, 0.75}, prod.wordDistribution(new double[] {1}), 1e-12);
    }

    @Test
    void rejectsMalformedParametersNamingThem() {
        assertEquals("beta row 1 sums to 0.9, expected a word distribution summing to 1", assertThrows(
                IllegalArgumentException.class,
                () -> new MixtureTopics(new double[][] {{1.0, 0.0}, {0.5, 0.4}})).getMessage());
        assertEquals("beta row 0 column 1 is -0.5, expected a probability >= 0", assertThrows(
                IllegalArgumentException.class,
                () -> new MixtureTopics(new double[][] {{1.5, -0.5}})).getMessage());
        assertEquals("bias has 3 values, expected 2", assertThrows(IllegalArgumentException.class,
                () -> new ProductOfExpertsTopics(new double[][] {{0, 0}}, new double[] {0, 0, 0})).getMessage());
        assertEquals("weights row 0 column 0 is NaN, expected a finite value", assertThrows(
                IllegalArgumentException.class,
                () -> new ProductOfExpertsTopics(new double[][] {{Double.NaN, 0}}, new double[] {0, 0})).getMessage());
        MixtureTopics lda = new MixtureTopics(new double[][] {{1.0, 0.0}});
        assertEquals("theta has 2 values, expected 1", assertThrows(IllegalArgumentException.class,
                () -> lda.wordDistribution(new double[] {0.5, 0.5})).getMessage());
        assertEquals("topic is 1, expected a topic in [0, 1)", assertThrows(IllegalArgumentException.class,
                () -> lda.topicWordScores(1)).getMessage());
    }
}
