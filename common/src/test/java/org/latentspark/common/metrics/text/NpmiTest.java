package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpmiTest {
    private static final int[][] TOP = {{0, 1, 2}, {3, 4, 0}};
    // D = 4; D(0) = D(1) = D(2) = D(3) = 2, D(4) = 1; D(0,1) = 2, D(0,2) = D(1,2) = D(3,4) = 1, D(0,3) = D(0,4) = 0
    private static final List<BagOfWords> CORPUS = List.of(
            doc(new int[] {0, 1, 5}, new int[] {3, 1, 1}),
            doc(new int[] {0, 1, 2}, new int[] {1, 1, 1}),
            doc(new int[] {2, 3}, new int[] {1, 4}),
            doc(new int[] {3, 4}, new int[] {1, 1}));

    @Test
    void countsDocumentsContainingWordsAndPairs() {
        CoDocumentCounts counts = count(CORPUS);
        assertEquals(4, counts.documents());
        assertEquals(2, counts.documentsWith(0));
        assertEquals(1, counts.documentsWith(4));
        assertEquals(2, counts.documentsWith(1, 0));
        assertEquals(1, counts.documentsWith(3, 4));
        assertEquals(0, counts.documentsWith(0, 4));
        assertEquals("words 1 and 3 are not a pair within one topic's top words", assertThrows(
                IllegalArgumentException.class, () -> counts.documentsWith(1, 3)).getMessage());
        assertEquals("word 5 is not among the counted top words", assertThrows(
                IllegalArgumentException.class, () -> counts.documentsWith(5)).getMessage());
    }

    @Test
    void averagesPairNpmiOverTopWordsThenTopics() {
        // topic 0: NPMI(0,1) = log(0.5 / 0.25) / -log 0.5 = 1; NPMI(0,2) = NPMI(1,2) = log(0.25 / 0.25) = 0
        // topic 1: NPMI(3,4) = log(0.25 / (0.5 · 0.25)) / -log 0.25 = 1/2; (0,3) and (0,4) never co-occur: -1
        double[] perTopic = Npmi.perTopic(TOP, count(CORPUS));
        assertArrayEquals(new double[] {1.0 / 3, (0.5 - 2) / 3}, perTopic, 1e-12);
        assertEquals((1.0 / 3 - 0.5) / 2, Npmi.mean(TOP, count(CORPUS)), 1e-12);
    }

    @Test
    void mergedPartialCountsEqualOneCount() throws Exception {
        CoDocumentCounts first = count(CORPUS.subList(0, 1));
        CoDocumentCounts rest = roundTrip(count(CORPUS.subList(1, 4)));
        assertArrayEquals(Npmi.perTopic(TOP, count(CORPUS)), Npmi.perTopic(TOP, first.merge(rest)), 0.0);
        assertEquals("cannot merge co-document counts made for different top words", assertThrows(
                IllegalArgumentException.class,
                () -> first.merge(CoDocumentCounts.forTopics(new int[][] {{0, 1}}))).getMessage());
    }

    @Test
    void pairConventionsAtTheEnds() {
        assertEquals(-1.0, Npmi.pair(0, 3, 5, 10), 0.0);
        assertEquals(1.0, Npmi.pair(10, 10, 10, 10), 0.0);
        assertEquals(1.0, Npmi.pair(3, 3, 3, 10), 1e-12);
        // independent words: p(a, b) = p(a) p(b)
        assertEquals(0.0, Npmi.pair(1, 2, 5, 10), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Npmi.pair(4, 3, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> Npmi.pair(0, 3, 11, 10));
        assertThrows(IllegalArgumentException.class,
                () -> Npmi.perTopic(TOP, CoDocumentCounts.forTopics(TOP)));
    }

    private static CoDocumentCounts count(List<BagOfWords> corpus) {
        CoDocumentCounts counts = CoDocumentCounts.forTopics(TOP);
        corpus.forEach(counts::add);
        return counts;
    }

    private static CoDocumentCounts roundTrip(CoDocumentCounts counts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counts);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (CoDocumentCounts) in.readObject();
        }
    }

    private static BagOfWords doc(int[] indices, int[] counts) {
        return BagOfWords.of(indices, counts, 6);
    }
}
