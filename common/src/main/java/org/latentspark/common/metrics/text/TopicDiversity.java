package org.latentspark.common.metrics.text;

import java.util.HashSet;
import java.util.Set;

/**
 * Topic diversity (Dieng, Ruiz and Blei, "Topic modeling in embedding spaces", TACL 2020): the fraction of
 * unique words among all topics' top {@value #TOP_WORDS} words, i.e. the number of distinct words over 25·K.
 * 1 means no two topics share a top word; near 1/K, that the topics repeat each other. When the vocabulary
 * has fewer than 25 words, the lists (and so the denominator) are shorter.
 */
public final class TopicDiversity {
    /** The number of top words per topic of Dieng et al. (2020). */
    public static final int TOP_WORDS = 25;

    private TopicDiversity() {
    }

    /** Distinct words over all words listed in {@code topWords} (one row per topic). */
    public static double of(int[][] topWords) {
        Set<Integer> distinct = new HashSet<>();
        int listed = 0;
        for (int[] topic : topWords) {
            for (int w : topic) {
                distinct.add(w);
            }
            listed += topic.length;
        }
        if (listed == 0) {
            throw new IllegalArgumentException("no top words: topic diversity needs at least one topic");
        }
        return (double) distinct.size() / listed;
    }
}
