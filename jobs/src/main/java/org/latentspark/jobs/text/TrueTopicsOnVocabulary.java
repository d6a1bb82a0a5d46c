package org.latentspark.jobs.text;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.datasets.text.TextVocabulary;
import org.latentspark.datasets.text.TextVocabularyStore;
import org.latentspark.datasets.text.TrueTopics;
import org.latentspark.jobs.modality.JobContext;

/** A simulated corpus's generating topics, re-aligned to the vocabulary the shards were encoded with. */
final class TrueTopicsOnVocabulary {
    private TrueTopicsOnVocabulary() {
    }

    /** The dataset's generating topics over its vocabulary (renormalized there), or null when unknown. */
    static double[][] read(JobContext ctx, DatasetManifest dataset) {
        if (dataset.shape().path(TextModality.TOPICS_TRUE).asInt(0) == 0) {
            return null;
        }
        TextVocabulary vocabulary = TextVocabularyStore.read(ctx.spark(), ctx.datasetDir());
        TrueTopics truth = TrueTopics.read(ctx.spark(), ctx.datasetDir());
        Map<String, Integer> column = IntStream.range(0, truth.terms().size()).boxed()
                .collect(Collectors.toMap(truth.terms()::get, Function.identity()));
        double[][] out = new double[truth.topics()][vocabulary.size()];
        for (int k = 0; k < out.length; k++) {
            double total = 0;
            for (int w = 0; w < vocabulary.size(); w++) {
                Integer j = column.get(vocabulary.terms().get(w));
                out[k][w] = j == null ? 0 : truth.probabilities()[k][j];
                total += out[k][w];
            }
            for (int w = 0; w < vocabulary.size(); w++) {
                out[k][w] = total > 0 ? out[k][w] / total : 1.0 / vocabulary.size();
            }
        }
        return out;
    }
}
