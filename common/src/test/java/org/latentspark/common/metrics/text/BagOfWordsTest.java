package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BagOfWordsTest {
    @Test
    void holdsWordsAndCounts() {
        BagOfWords doc = BagOfWords.of(new int[] {1, 4}, new int[] {3, 2}, 5);
        assertEquals(2, doc.size());
        assertEquals(5, doc.tokens());
        assertArrayEquals(new int[] {1, 4}, doc.indices());
        assertArrayEquals(new int[] {3, 2}, doc.counts());
        assertEquals("{1:3, 4:2}", doc.toString());
    }

    @Test
    void rejectsBadDocumentsNamingTheField() {
        assertEquals("indices[1] is 5, expected a word index in [0, 5)", message(new int[] {1, 5}, new int[] {1, 1}));
        assertEquals("indices[1] is 1, expected strictly increasing indices (previous 1)",
                message(new int[] {1, 1}, new int[] {1, 1}));
        assertEquals("counts[0] is 0, expected a positive count", message(new int[] {1}, new int[] {0}));
        assertEquals("indices has 2 values but counts has 1", message(new int[] {1, 2}, new int[] {1}));
        assertEquals("indices[0] is -1, expected a word index in [0, 5)", message(new int[] {-1}, new int[] {1}));
    }

    private static String message(int[] indices, int[] counts) {
        return assertThrows(IllegalArgumentException.class, () -> BagOfWords.of(indices, counts, 5)).getMessage();
    }
}
