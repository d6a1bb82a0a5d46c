package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DocumentCompletionTest {
    @Test
    void alternatesTokensInWordIndexOrder() {
        // tokens in index order: 2 2 2 5 7 7; 1st, 3rd, 5th observed (2 2 7), 2nd, 4th, 6th evaluated (2 5 7)
        DocumentCompletion split = DocumentCompletion.split(doc(new int[] {2, 5, 7}, new int[] {3, 1, 2}));
        assertEquals(doc(new int[] {2, 7}, new int[] {2, 1}), split.observed());
        assertEquals(doc(new int[] {2, 5, 7}, new int[] {1, 1, 1}), split.evaluated());
    }

    @Test
    void evaluatesWordsThatOccurOnce() {
        // a per-word split would evaluate nothing here
        DocumentCompletion split = DocumentCompletion.split(doc(new int[] {0, 1, 2, 3}, new int[] {1, 1, 1, 1}));
        assertEquals(doc(new int[] {0, 2}, new int[] {1, 1}), split.observed());
        assertEquals(doc(new int[] {1, 3}, new int[] {1, 1}), split.evaluated());
    }

    @Test
    void givesTheExtraTokenOfAnOddDocumentToTheObservedHalf() {
        DocumentCompletion split = DocumentCompletion.split(doc(new int[] {4}, new int[] {5}));
        assertEquals(doc(new int[] {4}, new int[] {3}), split.observed());
        assertEquals(doc(new int[] {4}, new int[] {2}), split.evaluated());
        DocumentCompletion single = DocumentCompletion.split(doc(new int[] {3}, new int[] {1}));
        assertEquals(0, single.evaluated().tokens());
        assertEquals(1, single.observed().tokens());
    }

    private static BagOfWords doc(int[] indices, int[] counts) {
        return BagOfWords.of(indices, counts, 10);
    }
}
