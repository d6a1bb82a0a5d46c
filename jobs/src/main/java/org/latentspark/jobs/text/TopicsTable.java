package org.latentspark.jobs.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.metrics.text.TopWords;
import org.latentspark.common.metrics.text.TopicWordModel;
import org.latentspark.datasets.text.TextVocabularyStore;
import org.latentspark.jobs.modality.JobContext;

/**
 * The topics table of a text run (contract: runs/&lt;id&gt;/topics/): each topic's top terms with their weights
 * P(term | topic), for the trained model and for the baseline (column model).
 */
final class TopicsTable {
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("topic", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("term", DataTypes.StringType, false)
            .add("weight", DataTypes.DoubleType, false);

    private TopicsTable() {
    }

    /** Writes runs/&lt;id&gt;/topics/ into the run, replacing any earlier one. */
    static void write(JobContext ctx, Map<String, TopicWordModel> byModel, String runDir, RunManifest manifest) {
        EvaluateSettings settings = ctx.config().evaluate();
        List<String> terms = TextVocabularyStore.read(ctx.spark(), ctx.datasetDir()).terms();
        int n = Math.min(terms.size(), Math.max(settings.npmiTopWords(), settings.diversityTopWords()));
        List<Row> rows = new ArrayList<>();
        byModel.forEach((model, topics) -> {
            double[][] distributions = topics.topicWordDistributions();
            int[][] top = TopWords.of(topics, n);
            for (int k = 0; k < top.length; k++) {
                for (int rank = 0; rank < top[k].length; rank++) {
                    int w = top[k][rank];
                    rows.add(RowFactory.create(manifest.runId(), model, k, rank + 1, terms.get(w),
                            distributions[k][w]));
                }
            }
        });
        String target = OutputLayout.topics(runDir);
        String staging = OutputLayout.staging(target);
        ctx.files().delete(staging);
        ctx.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(staging);
        ctx.files().replace(staging, target);
        manifest.rowCount("topics", "rows", rows.size());
    }
}
