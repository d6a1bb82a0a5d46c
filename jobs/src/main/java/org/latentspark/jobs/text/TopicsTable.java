package org.latentspark.jobs.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.metrics.text.TopWords;
import org.latentspark.common.model.TopicVaeInference;
import org.latentspark.datasets.text.TextVocabularyStore;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.ModelCodec;

/** The topics table of a text run (contract: runs/&lt;id&gt;/topics/): each topic's top terms with their weights. */
final class TopicsTable {
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("topic", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false)
            .add("weight", DataTypes.DoubleType, false);

    private TopicsTable() {
    }

    /** Writes runs/&lt;id&gt;/topics/ into the unpublished run, replacing any earlier one. */
    static void write(JobContext ctx, Broadcast<byte[]> model, String runDir, RunManifest manifest) {
        EvaluateSettings settings = ctx.config().evaluate();
        NeuralTopics topics = new NeuralTopics(new TopicVaeInference(ModelCodec.fromBytes(model.value())));
        List<String> terms = TextVocabularyStore.read(ctx.spark(), ctx.datasetDir()).terms();
        double[][] distributions = topics.topicWordDistributions();
        int n = Math.min(terms.size(), Math.max(settings.npmiTopWords(), settings.diversityTopWords()));
        int[][] top = TopWords.of(topics, n);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < top.length; k++) {
            for (int rank = 0; rank < top[k].length; rank++) {
                int w = top[k][rank];
                rows.add(RowFactory.create(manifest.runId(), k, rank + 1, terms.get(w), distributions[k][w]));
            }
        }
        String target = OutputLayout.topics(runDir);
        String staging = OutputLayout.staging(target);
        ctx.files().delete(target);
        ctx.files().delete(staging);
        ctx.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(staging);
        ctx.files().publish(staging, target);
        manifest.rowCount("topics", "rows", rows.size());
    }
}
