package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicRecoveryTest {
    private static final double[][] TRUTH = {
            {0.5, 0.5, 0.0, 0.0},
            {0.0, 0.0, 1.0, 0.0},
            {0.0, 0.0, 0.0, 1.0}};

    @Test
    void similarityIsOneMinusTheTotalVariationDistance() {
        assertEquals(1.0, TopicRecovery.similarity(TRUTH[0], TRUTH[0]), 1e-12);
        assertEquals(0.0, TopicRecovery.similarity(TRUTH[0], TRUTH[1]), 1e-12);
        // TV((½, ½, 0, 0), (1, 0, 0, 0)) = ½ (|½ - 1| + |½ - 0|) = ½
        assertEquals(0.5, TopicRecovery.similarity(TRUTH[0], new double[] {1, 0, 0, 0}), 1e-12);
        // TV((0.2, 0.3, 0.5, 0), (0.4, 0.1, 0.1, 0.4)) = ½ (0.2 + 0.2 + 0.4 + 0.4) = 0.6
        assertEquals(0.4, TopicRecovery.similarity(new double[] {0.2, 0.3, 0.5, 0}, new double[] {0.4, 0.1, 0.1, 0.4}),
                1e-12);
    }

    @Test
    void permutedTopicsRecoverPerfectly() {
        double[][] learned = {TRUTH[2], TRUTH[0], TRUTH[1]};
        TopicRecovery recovery = TopicRecovery.match(learned, TRUTH);
        assertEquals(1.0, recovery.mean(), 1e-12);
        assertEquals(1, recovery.learnedTopicOf(0));
        assertEquals(2, recovery.learnedTopicOf(1));
        assertEquals(0, recovery.learnedTopicOf(2));
    }

    @Test
    void averagesTheMatchedSimilaritiesOverTrueTopics() {
        // learned 0 = (1, 0, 0, 0) matches truth 0; learned 1 = truth 2; truth 1 is left without a match
        double[][] learned = {{0, 0, 0, 1}, {1, 0, 0, 0}};
        TopicRecovery recovery = TopicRecovery.match(learned, TRUTH);
        double partial = 0.5;
        assertArrayEquals(new double[] {partial, 0.0, 1.0}, recovery.similarities(), 1e-12);
        assertEquals((partial + 1.0) / 3, recovery.mean(), 1e-12);
        assertEquals(-1, recovery.learnedTopicOf(1));
        assertEquals(1, recovery.learnedTopicOf(0));
    }

    @Test
    void productOfExpertsTopicsConvertThroughTheSoftmax() {
        // rows of B whose softmax is TRUTH-like: (log 1, log 1, -inf...) approximated by large negative logits
        ProductOfExpertsTopics prod = new ProductOfExpertsTopics(new double[][] {
                {0, 0, -50, -50}, {-50, -50, 0, -50}, {-50, -50, -50, 0}}, new double[4]);
        assertEquals(1.0, TopicRecovery.match(prod.topicWordDistributions(), TRUTH).mean(), 1e-9);
    }

    @Test
    void rejectsMismatchedVocabularies() {
        assertEquals("learned topics have 2 words but true topics have 4", assertThrows(IllegalArgumentException.class,
                () -> TopicRecovery.match(new double[][] {{0.5, 0.5}}, TRUTH)).getMessage());
        assertEquals("learned row 0 sums to 2.0, expected a word distribution summing to 1", assertThrows(
                IllegalArgumentException.class,
                () -> TopicRecovery.match(new double[][] {{1, 1, 0, 0}}, TRUTH)).getMessage());
    }
}
