package org.latentspark.common.metrics.text;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One document as a sparse bag of words over a vocabulary of V words: the distinct word indices in
 * increasing order and how often each occurs. This is the layout of a Spark ML {@code SparseVector}
 * of counts, and of a text shard's {@code indices} and {@code counts} columns. Serializable, so that the
 * metrics' partial sums can be computed over an RDD of documents.
 */
public final class BagOfWords implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] indices;
    private final int[] counts;

    private BagOfWords(int[] indices, int[] counts) {
        this.indices = indices;
        this.counts = counts;
    }

    /**
     * A document with word {@code indices[i]} occurring {@code counts[i]} times. Indices must be strictly
     * increasing and in [0, vocabularySize); counts must be positive. The arrays are copied.
     */
    public static BagOfWords of(int[] indices, int[] counts, int vocabularySize) {
        if (indices == null || counts == null) {
            throw new IllegalArgumentException((indices == null ? "indices" : "counts") + " is null");
        }
        if (indices.length != counts.length) {
            throw new IllegalArgumentException("indices has " + indices.length + " values but counts has "
                    + counts.length);
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= vocabularySize) {
                throw new IllegalArgumentException("indices[" + i + "] is " + indices[i]
                        + ", expected a word index in [0, " + vocabularySize + ")");
            }
            if (i > 0 && indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException("indices[" + i + "] is " + indices[i]
                        + ", expected strictly increasing indices (previous " + indices[i - 1] + ")");
            }
            if (counts[i] < 1) {
                throw new IllegalArgumentException("counts[" + i + "] is " + counts[i] + ", expected a positive count");
            }
        }
        return new BagOfWords(indices.clone(), counts.clone());
    }

    /** Built from arrays already known to be valid (by the splitter in this package); not copied. */
    static BagOfWords trusted(int[] indices, int[] counts) {
        return new BagOfWords(indices, counts);
    }

    /** The number of distinct words. */
    public int size() {
        return indices.length;
    }

    /** The word index of the i-th distinct word. */
    public int index(int i) {
        return indices[i];
    }

    /** How often the i-th distinct word occurs. */
    public int count(int i) {
        return counts[i];
    }

    /** The distinct word indices, increasing (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** The counts, aligned with {@link #indices()} (a copy). */
    public int[] counts() {
        return counts.clone();
    }

    /** The number of tokens, the sum of the counts. */
    public long tokens() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BagOfWords b && Arrays.equals(indices, b.indices) && Arrays.equals(counts, b.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < indices.length; i++) {
            s.append(i == 0 ? "" : ", ").append(indices[i]).append(':').append(counts[i]);
        }
        return s.append('}').toString();
    }
}
