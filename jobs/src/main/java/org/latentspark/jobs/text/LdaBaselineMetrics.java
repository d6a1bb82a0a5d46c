package org.latentspark.jobs.text;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.metrics.text.TopicWordModel;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.baselines.LdaSettings;
import org.latentspark.jobs.baselines.MllibLdaBaseline;
import org.latentspark.jobs.modality.JobContext;

/** The same-run baseline of a text run: Spark ML's LDA on the same documents, with the same metrics. */
final class LdaBaselineMetrics {
    private LdaBaselineMetrics() {
    }

    /** The baseline's metrics and the topics it learned. */
    record Result(List<Metric> metrics, TopicWordModel topics) {
    }

    /** Fits LDA on the train split and scores it as the neural model is: perplexity and topic quality. */
    static Result of(JobContext ctx, Dataset<Row> shards, Dataset<Row> test, TextBatchEncoder encoder,
                           TopicQuality quality) {
        EvaluateSettings.MllibLda s = ctx.config().evaluate().mllibLda();
        LdaSettings settings = new LdaSettings(encoder.topics(), s.maxIterations(), ctx.config().seed(),
                s.docConcentration(), s.topicConcentration(), s.subsamplingRate(), s.learningOffset());
        MllibLdaBaseline lda = MllibLdaBaseline.fit(shards.where(col("split").equalTo(Splits.TRAIN)),
                encoder.vocabulary(), settings);
        ctx.log().accept(String.format("mllib_lda: trained in %.1f s", lda.trainingSeconds()));
        List<Metric> out = new ArrayList<>();
        Perplexity.Sum sum = lda.documentCompletion(test);
        if (sum.tokens() > 0) {
            out.add(new Metric(MllibLdaBaseline.NAME, Splits.TEST, "perplexity", null, null, sum.perplexity()));
        }
        out.addAll(quality.metrics(lda.topics(), MllibLdaBaseline.NAME));
        out.add(new Metric(MllibLdaBaseline.NAME, Splits.TRAIN, "train_seconds", null, null, lda.trainingSeconds()));
        return new Result(out, lda.topics());
    }
}
