package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;

/** dataset.text and dataset.lda-sim: how documents are read and turned into a vocabulary and bags of words. */
public record TextDataSettings(String glob, String textField, String idField, String textColumn, String idColumn,
                               String tokenPattern, int minTokenLength, List<String> extraStopWords, double minDf,
                               double maxDf, int vocabularySize, LdaSimulator ldaSimulator) implements Serializable {

    /** The LDA corpus simulator's sizes and Dirichlet concentrations. */
    public record LdaSimulator(long documents, int topics, int vocabularySize, double meanLength, double alpha,
                               double beta) implements Serializable {
    }

    static TextDataSettings from(Settings s) {
        return new TextDataSettings(s.string("dataset.text.glob"), s.string("dataset.text.text-field"),
                s.string("dataset.text.id-field"), s.string("dataset.text.text-column"),
                s.string("dataset.text.id-column"), s.string("dataset.text.token-pattern"),
                s.intAtLeast("dataset.text.min-token-length", 1), s.strings("dataset.text.extra-stop-words"),
                s.positive("dataset.text.min-df"), s.positive("dataset.text.max-df"),
                s.intAtLeast("dataset.text.vocabulary-size", 1),
                new LdaSimulator(s.intAtLeast("dataset.lda-sim.documents", 1), s.intAtLeast("dataset.lda-sim.topics", 1),
                        s.intAtLeast("dataset.lda-sim.vocabulary-size", 2), s.positive("dataset.lda-sim.mean-length"),
                        s.positive("dataset.lda-sim.alpha"), s.positive("dataset.lda-sim.beta")));
    }
}
