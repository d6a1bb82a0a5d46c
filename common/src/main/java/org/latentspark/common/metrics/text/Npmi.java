package org.latentspark.common.metrics.text;

/**
 * Topic coherence as normalised pointwise mutual information (NPMI; Bouma, "Normalized (pointwise) mutual
 * information in collocation extraction", GSCL 2009), which tracks human judgements of topic quality best
 * among automatic measures (Lau, Newman and Baldwin, "Machine reading tea leaves", EACL 2014). For a pair of
 * words, with probabilities from document co-occurrence in a reference corpus of D documents,
 * p(w) = D(w) / D and p(w_i, w_j) = D(w_i, w_j) / D ({@link CoDocumentCounts}):
 *
 * <pre>
 *   NPMI(w_i, w_j) = log( p(w_i, w_j) / (p(w_i) p(w_j)) ) / ( −log p(w_i, w_j) )
 * </pre>
 *
 * in [−1, 1]. Conventions at the ends of that range, where the formula is 0/0 or log 0: NPMI = −1 when the
 * words never co-occur (D(w_i, w_j) = 0, Bouma's limit for never occurring together), and 1 when both occur in
 * every document (D(w_i, w_j) = D, the limit for always occurring together). No smoothing is added. A topic's
 * coherence is the mean NPMI over all pairs of its top {@value #TOP_WORDS} words; the model's is the mean
 * over topics.
 */
public final class Npmi {
    /** The number of top words per topic, as in Lau et al. (2014) and most neural topic model papers. */
    public static final int TOP_WORDS = 10;

    private Npmi() {
    }

    /** NPMI of one pair of words from their document counts, with the conventions above. */
    public static double pair(long both, long first, long second, long documents) {
        if (documents < 1 || both < 0 || both > Math.min(first, second) || Math.max(first, second) > documents) {
            throw new IllegalArgumentException("inconsistent document counts: D(wi, wj) = " + both + ", D(wi) = "
                    + first + ", D(wj) = " + second + ", D = " + documents);
        }
        if (both == 0) {
            return -1.0;
        }
        if (both == documents) {
            return 1.0;
        }
        double d = documents;
        double joint = both / d;
        return Math.log(joint / ((first / d) * (second / d))) / -Math.log(joint);
    }

    /**
     * The coherence of each topic: the mean NPMI over all pairs of its top words ({@code topWords}, one row per
     * topic, at least 2 distinct words each), with {@code counts} made by {@link CoDocumentCounts#forTopics}
     * for the same top words.
     */
    public static double[] perTopic(int[][] topWords, CoDocumentCounts counts) {
        if (counts.documents() == 0) {
            throw new IllegalArgumentException("the reference corpus has no documents");
        }
        double[] coherence = new double[topWords.length];
        for (int k = 0; k < topWords.length; k++) {
            int[] top = topWords[k];
            if (top.length < 2) {
                throw new IllegalArgumentException("topic " + k + " has " + top.length
                        + " top words, expected at least 2 for word pairs");
            }
            double sum = 0.0;
            int pairs = 0;
            for (int i = 0; i < top.length; i++) {
                for (int j = i + 1; j < top.length; j++) {
                    sum += pair(counts.documentsWith(top[i], top[j]), counts.documentsWith(top[i]),
                            counts.documentsWith(top[j]), counts.documents());
                    pairs++;
                }
            }
            coherence[k] = sum / pairs;
        }
        return coherence;
    }

    /** The mean over topics of {@link #perTopic}. */
    public static double mean(int[][] topWords, CoDocumentCounts counts) {
        double sum = 0.0;
        for (double c : perTopic(topWords, counts)) {
            sum += c;
        }
        return sum / topWords.length;
    }
}
