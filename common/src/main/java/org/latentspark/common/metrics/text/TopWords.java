package org.latentspark.common.metrics.text;

/**
 * Each topic's top words: the indices of its n highest-scoring words ({@link TopicWordModel#topicWordScores}),
 * highest first, ties going to the lower word index so that the lists are deterministic. Topic coherence and
 * diversity are computed on these lists.
 */
public final class TopWords {
    private TopWords() {
    }

    /** The top min(n, V) words of every topic of {@code model}: K rows. */
    public static int[][] of(TopicWordModel model, int n) {
        int[][] top = new int[model.topicCount()][];
        for (int k = 0; k < top.length; k++) {
            top[k] = of(model.topicWordScores(k), n);
        }
        return top;
    }

    /** The indices of the min(n, scores.length) highest {@code scores}, highest first. */
    public static int[] of(double[] scores, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of top words is " + n + ", expected at least 1");
        }
        int[] top = new int[Math.min(n, scores.length)];
        int filled = 0;
        for (int w = 0; w < scores.length; w++) {
            if (Double.isNaN(scores[w])) {
                throw new IllegalArgumentException("score of word " + w + " is NaN");
            }
            // insertion into the sorted prefix; strict > keeps the earlier (lower) index ahead on ties
            int at = filled;
            while (at > 0 && scores[w] > scores[top[at - 1]]) {
                at--;
            }
            if (at < top.length) {
                int end = Math.min(filled, top.length - 1);
                System.arraycopy(top, at, top, at + 1, end - at);
                top[at] = w;
                filled = Math.min(filled + 1, top.length);
            }
        }
        return top;
    }
}
