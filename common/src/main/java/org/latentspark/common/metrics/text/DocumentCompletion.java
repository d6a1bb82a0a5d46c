package org.latentspark.common.metrics.text;

import java.util.Arrays;

/**
 * The document-completion split of held-out documents (Wallach, Murray, Salakhutdinov and Mimno,
 * "Evaluation methods for topic models", ICML 2009): a model infers a document's topic proportions from
 * one part of its tokens, the observed half, and is scored on how well it predicts the other part, the
 * evaluated half. Scoring the tokens the topic proportions were inferred from would reward memorising them.
 *
 * <p>The split is deterministic, so every model is scored on the same tokens: the document's tokens are laid
 * out in increasing word-index order (word w repeated n_w times) and alternate between the halves, the 1st,
 * 3rd, 5th, ... token observed and the 2nd, 4th, ... evaluated. A document of N tokens thus has ceil(N/2)
 * observed and floor(N/2) evaluated tokens, and a word with n occurrences gives ceil(n/2) or floor(n/2) to
 * each half depending on where its run starts. Alternating over the whole sequence rather than within each
 * word matters: a per-word split would evaluate only words that occur at least twice, biasing the score
 * toward repeated words and evaluating nothing in a document of distinct words.
 */
public final class DocumentCompletion {
    private final BagOfWords observed;
    private final BagOfWords evaluated;

    private DocumentCompletion(BagOfWords observed, BagOfWords evaluated) {
        this.observed = observed;
        this.evaluated = evaluated;
    }

    /** Splits {@code document} into its observed and evaluated halves as described above. */
    public static DocumentCompletion split(BagOfWords document) {
        int n = document.size();
        int[] observedCounts = new int[n];
        int[] evaluatedCounts = new int[n];
        long position = 0;
        for (int i = 0; i < n; i++) {
            int c = document.count(i);
            // positions position .. position + c - 1; even positions (0-based) are observed
            int even = position % 2 == 0 ? (c + 1) / 2 : c / 2;
            observedCounts[i] = even;
            evaluatedCounts[i] = c - even;
            position += c;
        }
        return new DocumentCompletion(keepPositive(document, observedCounts),
                keepPositive(document, evaluatedCounts));
    }

    /** The tokens the model infers topic proportions from. */
    public BagOfWords observed() {
        return observed;
    }

    /** The tokens the model is scored on. */
    public BagOfWords evaluated() {
        return evaluated;
    }

    private static BagOfWords keepPositive(BagOfWords document, int[] counts) {
        int[] indices = new int[counts.length];
        int[] kept = new int[counts.length];
        int m = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                indices[m] = document.index(i);
                kept[m++] = counts[i];
            }
        }
        return BagOfWords.trusted(Arrays.copyOf(indices, m), Arrays.copyOf(kept, m));
    }
}
