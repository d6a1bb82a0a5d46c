package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicDiversityTest {
    @Test
    void isTheFractionOfDistinctTopWords() {
        assertEquals(5.0 / 6, TopicDiversity.of(new int[][] {{0, 1, 2}, {2, 3, 4}}), 1e-12);
        assertEquals(1.0, TopicDiversity.of(new int[][] {{0, 1}, {2, 3}}), 0.0);
        assertEquals(0.5, TopicDiversity.of(new int[][] {{0, 1}, {1, 0}}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> TopicDiversity.of(new int[0][]));
    }
}
