package org.latentspark.jobs.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.TextDataSettings;
import org.latentspark.common.manifest.Json;
import org.latentspark.datasets.text.JsonLinesSource;
import org.latentspark.datasets.text.LdaCorpusSimulator;
import org.latentspark.datasets.text.SpamAssassinSource;
import org.latentspark.datasets.text.TextFolderSource;
import org.latentspark.datasets.text.TextParquetSource;
import org.latentspark.datasets.text.TextSource;
import org.latentspark.datasets.text.Vocabulary;

/** Maps the dataset section of the configuration to a document source, its vocabulary settings and description. */
final class TextSources {
    private TextSources() {
    }

    static TextSource from(DatasetSettings ds, long seed) {
        TextDataSettings t = ds.text();
        return switch (ds.format()) {
            case DatasetSettings.TEXT_FOLDER -> new TextFolderSource(ds.path(), t.glob());
            case DatasetSettings.JSON_LINES -> JsonLinesSource.builder(ds.path()).glob(t.glob())
                    .textField(t.textField()).idField(t.idField().isBlank() ? null : t.idField()).build();
            case DatasetSettings.TEXT_PARQUET -> new TextParquetSource(ds.path(), t.textColumn(),
                    t.idColumn().isBlank() ? null : t.idColumn());
            case DatasetSettings.SPAM_ASSASSIN -> new SpamAssassinSource(ds.path());
            case DatasetSettings.LDA_SIMULATOR -> simulator(t.ldaSimulator(), seed);
            default -> throw new IllegalArgumentException("not a text format: " + ds.format());
        };
    }

    /** What the documents are read from, as error messages name it: the input path, or the simulator. */
    static String corpus(DatasetSettings ds) {
        return DatasetSettings.LDA_SIMULATOR.equals(ds.format()) ? "the LDA simulator (dataset.lda-sim)" : ds.path();
    }

    static LdaCorpusSimulator simulator(TextDataSettings.LdaSimulator s, long seed) {
        return new LdaCorpusSimulator(s.documents(), s.topics(), s.vocabularySize(), s.meanLength(), s.alpha(),
                s.beta(), seed);
    }

    static Vocabulary.Settings vocabulary(TextDataSettings t) {
        return new Vocabulary.Settings(t.tokenPattern().isBlank() ? Vocabulary.Settings.DEFAULT_TOKEN_PATTERN
                : t.tokenPattern(), t.minTokenLength(), t.extraStopWords(), t.minDf(), t.maxDf(), t.vocabularySize());
    }

    /** Everything that determines the dataset's content; equal descriptions make the same dataset. */
    static ObjectNode describe(DatasetSettings ds, TextSource source, long seed) {
        TextDataSettings t = ds.text();
        ObjectNode doc = Json.object();
        doc.put("format", ds.format());
        doc.put("seed", seed);
        doc.put("validation_fraction", ds.validationFraction());
        doc.put("test_fraction", ds.testFraction());
        if (source instanceof LdaCorpusSimulator simulator) {
            doc.set("simulator", simulator.describe());
        } else {
            doc.put("path", ds.path()).put("glob", t.glob()).put("text_field", t.textField())
                    .put("id_field", t.idField()).put("text_column", t.textColumn()).put("id_column", t.idColumn());
        }
        doc.set("vocabulary", vocabulary(t).describe());
        return doc;
    }
}
