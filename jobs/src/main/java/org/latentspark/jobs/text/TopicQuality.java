package org.latentspark.jobs.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.metrics.text.CoDocumentCounts;
import org.latentspark.common.metrics.text.Npmi;
import org.latentspark.common.metrics.text.TopWords;
import org.latentspark.common.metrics.text.TopicDiversity;
import org.latentspark.common.metrics.text.TopicRecovery;
import org.latentspark.common.metrics.text.TopicWordModel;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;

/**
 * The quality of a model's topics, the same way for every model: npmi of each topic's top words over document
 * co-occurrence in a reference corpus (with dim = topic, and their mean), topic_diversity of the top words, and on
 * corpora with known topics topic_recovery.
 */
final class TopicQuality {
    private final Dataset<Row> reference;
    private final int vocabulary;
    private final int npmiTopWords;
    private final int diversityTopWords;
    private final double[][] trueTopics;

    /**
     * @param reference  bag-of-words rows whose document co-occurrences give the npmi probabilities
     * @param trueTopics the generating topics over the vocabulary, or null when unknown
     */
    TopicQuality(Dataset<Row> reference, int vocabulary, int npmiTopWords, int diversityTopWords,
                 double[][] trueTopics) {
        this.reference = reference;
        this.vocabulary = vocabulary;
        this.npmiTopWords = npmiTopWords;
        this.diversityTopWords = diversityTopWords;
        this.trueTopics = trueTopics;
    }

    List<Metric> metrics(TopicWordModel topics, String model) {
        List<Metric> out = new ArrayList<>();
        int[][] top = TopWords.of(topics, Math.min(npmiTopWords, vocabulary));
        CoDocumentCounts empty = CoDocumentCounts.forTopics(top);
        TextBatchEncoder decoder = new TextBatchEncoder(vocabulary, 1, 0, false);
        CoDocumentCounts counts = reference.toJavaRDD().mapPartitions(rows -> {
            CoDocumentCounts partial = CoDocumentCounts.forTopics(top);
            rows.forEachRemaining(r -> partial.add(decoder.document(r)));
            return List.of(partial).iterator();
        }).fold(empty, CoDocumentCounts::merge);
        double[] perTopic = Npmi.perTopic(top, counts);
        double sum = 0;
        for (int k = 0; k < perTopic.length; k++) {
            out.add(new Metric(model, Splits.TEST, "npmi", k, null, perTopic[k]));
            sum += perTopic[k];
        }
        out.add(new Metric(model, Splits.TEST, "npmi", null, null, sum / perTopic.length));
        out.add(new Metric(model, Splits.TEST, "topic_diversity", null, null,
                TopicDiversity.of(TopWords.of(topics, Math.min(diversityTopWords, vocabulary)))));
        if (trueTopics != null) {
            out.add(new Metric(model, Splits.TEST, "topic_recovery", null, null,
                    TopicRecovery.match(topics.topicWordDistributions(), trueTopics).mean()));
        }
        return out;
    }
}
