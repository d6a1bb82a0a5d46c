package org.latentspark.jobs.steps;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.ImageShards;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.inference.ExampleScores;
import org.latentspark.jobs.inference.ImageBatch;
import org.latentspark.jobs.inference.LatentGeometry;

/**
 * Writes runs/&lt;id&gt;/evaluation/: the final metrics of the model per split (epoch null) and the per-epoch
 * training metrics, in the contract's long format.
 */
public final class EvaluateStep {
    private static final String IWAE_SELECTED = "_iwae";

    private EvaluateStep() {
    }

    public static void run(JobContext ctx, String runDir, RunManifest manifest) {
        long start = System.nanoTime();
        EvaluateSettings settings = ctx.config().evaluate();
        DatasetManifest dataset = DatasetManifest.load(ctx.files(), ctx.datasetDir());
        String model = ctx.config().model().name();
        ModelStore store = new ModelStore(ctx.files());

        List<Metric> metrics = new ArrayList<>(store.history(runDir));
        Broadcast<byte[]> network = store.broadcast(ctx.spark(), runDir);
        Dataset<Row> scores = exampleScores(ctx, network, dataset).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            metrics.addAll(elboTerms(scores, model));
            metrics.addAll(new LatentGeometry(settings).metrics(scores, model));
        } finally {
            scores.unpersist();
            network.destroy();
        }
        double throughput = manifest.json().at("/training/train_examples_per_s").asDouble(Double.NaN);
        if (Double.isFinite(throughput)) {
            metrics.add(new Metric(model, Splits.TRAIN, "train_examples_per_s", null, null, throughput));
        }

        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics) {
            rows.add(m.toRow(manifest.runId(), dataset.name(), dataset.modality()));
        }
        String target = OutputLayout.evaluation(runDir);
        String staging = OutputLayout.staging(target);
        ctx.spark().createDataFrame(rows, EvaluationSchema.SCHEMA).coalesce(1).write().parquet(staging);
        ctx.files().publish(staging, target);
        manifest.rowCount("evaluation", "rows", rows.size());
        manifest.timing("evaluate", (System.nanoTime() - start) / 1e9);
    }

    private static Dataset<Row> exampleScores(JobContext ctx, Broadcast<byte[]> network, DatasetManifest dataset) {
        EvaluateSettings settings = ctx.config().evaluate();
        long seed = ctx.config().seed();
        long testCount = dataset.count(Splits.TEST);
        double iwaeFraction = settings.iwaeExamples() == 0 || testCount == 0 ? 1.0
                : Math.min(1.0, settings.iwaeExamples() / (double) testCount);
        Dataset<Row> shards = ImageShards.read(ctx.spark(), ctx.datasetDir())
                .withColumn(IWAE_SELECTED, col("split").equalTo(Splits.TEST).and(
                        pmod(xxhash64(lit(seed + 1), col("id")), lit(1_000_000L)).lt(iwaeFraction * 1_000_000)));
        ImageBatch.Geometry geometry = TrainStep.geometry(dataset, ctx.config().model().latentDim());
        ExampleScores.Spec spec = new ExampleScores.Spec(geometry, seed, settings.iwaeSamples(), IWAE_SELECTED);
        return ctx.spark().createDataFrame(shards.toJavaRDD().mapPartitions(
                part -> ExampleScores.score(part, ModelStore.fromBytes(network.value()), spec)), ExampleScores.SCHEMA);
    }

    /** neg_elbo, reconstruction, kl and kl_dim per split, and iwae_nll where computed; all averages over examples. */
    static List<Metric> elboTerms(Dataset<Row> scores, String model) {
        List<Metric> out = new ArrayList<>();
        for (Row r : scores.groupBy("split").agg(avg("nll"), avg("kl"), avg(col("nll").plus(col("kl"))),
                avg("iwae_nll")).collectAsList()) {
            String split = r.getString(0);
            out.add(new Metric(model, split, "reconstruction", null, null, r.getDouble(1)));
            out.add(new Metric(model, split, "kl", null, null, r.getDouble(2)));
            out.add(new Metric(model, split, "neg_elbo", null, null, r.getDouble(3)));
            if (!r.isNullAt(4)) {
                out.add(new Metric(model, split, "iwae_nll", null, null, r.getDouble(4)));
            }
        }
        Dataset<Row> perDim = scores.select(col("split"), posexplode(col("kl_dim")))
                .groupBy("split", "pos").agg(avg("col"));
        for (Row r : perDim.collectAsList()) {
            out.add(new Metric(model, r.getString(0), "kl_dim", r.getInt(1), null, r.getDouble(2)));
        }
        return out;
    }
}
