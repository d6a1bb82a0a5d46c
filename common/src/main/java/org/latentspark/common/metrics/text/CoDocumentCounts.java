package org.latentspark.common.metrics.text;

import java.io.Serializable;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Document frequencies in a reference corpus, for just the words and word pairs that topic coherence needs:
 * the number of documents D, for each counted word w the number D(w) of documents containing it, and for
 * each counted pair the number D(w_i, w_j) containing both. Documents count as sets of words (how often a word
 * occurs in a document does not matter).
 *
 * <p>It is a mergeable counter so that a large corpus can be counted where it lies: start an empty one per
 * partition with {@link #forTopics}, {@link #add} the partition's documents, and {@link #merge} the partial
 * counts (e.g. {@code rdd.mapPartitions(...).reduce(CoDocumentCounts::merge)}, or {@code treeAggregate} with
 * {@code add} and {@code merge}). Both mutate and return this counter, as Spark's aggregate allows.
 */
public final class CoDocumentCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] words;
    private final long[] pairs;
    private final long[] wordDocuments;
    private final long[] pairDocuments;
    private long documents;

    private CoDocumentCounts(int[] words, long[] pairs) {
        this.words = words;
        this.pairs = pairs;
        this.wordDocuments = new long[words.length];
        this.pairDocuments = new long[pairs.length];
    }

    /**
     * An empty counter for the words of {@code topWords} (one row per topic, as from {@link TopWords}) and every
     * pair of distinct words within a row.
     */
    public static CoDocumentCounts forTopics(int[][] topWords) {
        TreeSet<Integer> wordSet = new TreeSet<>();
        for (int[] topic : topWords) {
            for (int w : topic) {
                wordSet.add(w);
            }
        }
        int[] words = wordSet.stream().mapToInt(Integer::intValue).toArray();
        TreeSet<Long> pairSet = new TreeSet<>();
        for (int[] topic : topWords) {
            for (int i = 0; i < topic.length; i++) {
                for (int j = i + 1; j < topic.length; j++) {
                    int a = Arrays.binarySearch(words, topic[i]);
                    int b = Arrays.binarySearch(words, topic[j]);
                    if (a != b) {
                        pairSet.add(pairKey(Math.min(a, b), Math.max(a, b)));
                    }
                }
            }
        }
        return new CoDocumentCounts(words, pairSet.stream().mapToLong(Long::longValue).toArray());
    }

    /** Counts one document of the reference corpus; returns this counter. */
    public CoDocumentCounts add(BagOfWords document) {
        documents++;
        int[] present = new int[Math.min(document.size(), words.length)];
        int m = 0;
        for (int i = 0; i < document.size() && m < present.length; i++) {
            int slot = Arrays.binarySearch(words, document.index(i));
            if (slot >= 0) {
                wordDocuments[slot]++;
                present[m++] = slot;
            }
        }
        // slots come in increasing order, as the document's indices do
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                int pair = Arrays.binarySearch(pairs, pairKey(present[i], present[j]));
                if (pair >= 0) {
                    pairDocuments[pair]++;
                }
            }
        }
        return this;
    }

    /** Adds the counts of {@code other}, made for the same top words; returns this counter. */
    public CoDocumentCounts merge(CoDocumentCounts other) {
        if (!Arrays.equals(words, other.words) || !Arrays.equals(pairs, other.pairs)) {
            throw new IllegalArgumentException("cannot merge co-document counts made for different top words");
        }
        documents += other.documents;
        for (int i = 0; i < wordDocuments.length; i++) {
            wordDocuments[i] += other.wordDocuments[i];
        }
        for (int i = 0; i < pairDocuments.length; i++) {
            pairDocuments[i] += other.pairDocuments[i];
        }
        return this;
    }

    /** D, the number of documents counted. */
    public long documents() {
        return documents;
    }

    /** D(w), the number of documents containing word {@code w}, which must be one of the counted words. */
    public long documentsWith(int w) {
        return wordDocuments[slot(w)];
    }

    /** D(a, b), the number of documents containing both words, which must be a counted pair. */
    public long documentsWith(int a, int b) {
        int sa = slot(a);
        int sb = slot(b);
        int pair = Arrays.binarySearch(pairs, pairKey(Math.min(sa, sb), Math.max(sa, sb)));
        if (pair < 0) {
            throw new IllegalArgumentException("words " + a + " and " + b
                    + " are not a pair within one topic's top words");
        }
        return pairDocuments[pair];
    }

    private int slot(int w) {
        int slot = Arrays.binarySearch(words, w);
        if (slot < 0) {
            throw new IllegalArgumentException("word " + w + " is not among the counted top words");
        }
        return slot;
    }

    private static long pairKey(int lowerSlot, int higherSlot) {
        return ((long) lowerSlot << 32) | higherSlot;
    }
}
