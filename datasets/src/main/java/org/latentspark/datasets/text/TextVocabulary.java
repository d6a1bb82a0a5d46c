package org.latentspark.datasets.text;

import java.util.List;

/**
 * The terms of a vocabulary in index order, with the number of training documents containing each.
 *
 * @param terms               term i has index i
 * @param documentFrequencies documentFrequencies[i] is term i's document frequency
 */
public record TextVocabulary(List<String> terms, long[] documentFrequencies) {
    public TextVocabulary {
        terms = List.copyOf(terms);
        documentFrequencies = documentFrequencies.clone();
        if (terms.size() != documentFrequencies.length) {
            throw new IllegalArgumentException(terms.size() + " terms but " + documentFrequencies.length
                    + " document frequencies");
        }
    }

    public int size() {
        return terms.size();
    }
}
