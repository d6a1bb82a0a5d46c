package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopWordsTest {
    @Test
    void listsTheHighestScoresFirstWithTiesToTheLowerIndex() {
        double[] scores = {0.1, 0.5, 0.5, 0.3, 0.9};
        assertArrayEquals(new int[] {4, 1, 2}, TopWords.of(scores, 3));
        assertArrayEquals(new int[] {4}, TopWords.of(scores, 1));
        assertArrayEquals(new int[] {4, 1, 2, 3, 0}, TopWords.of(scores, 10));
        assertArrayEquals(new int[] {2, 0}, TopWords.of(new double[] {-1, -3, 2}, 2));
    }

    @Test
    void takesEachTopicsScoresFromTheModel() {
        ProductOfExpertsTopics prod = new ProductOfExpertsTopics(new double[][] {{0, 2, 1}, {5, -1, 0}},
                new double[] {9, 0, 0});
        assertArrayEquals(new int[][] {{1, 2}, {0, 2}}, TopWords.of(prod, 2));
    }

    @Test
    void rejectsNaNAndNonPositiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> TopWords.of(new double[] {0, Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> TopWords.of(new double[] {0, 1}, 0));
    }
}
