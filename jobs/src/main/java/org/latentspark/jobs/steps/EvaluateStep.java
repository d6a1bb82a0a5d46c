package org.latentspark.jobs.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.latentspark.common.KillSwitch;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;

/**
 * Writes runs/&lt;id&gt;/evaluation/: the final metrics of the model and of the modality's same-run baselines per
 * split (epoch null) and the per-epoch training metrics, in the contract's long format. A run with latents and an
 * evaluation is complete.
 */
public final class EvaluateStep {
    private EvaluateStep() {
    }

    public static void run(JobContext ctx, String runDir, RunManifest manifest) {
        long start = System.nanoTime();
        Modalities.WithDataset run = Modalities.withDataset(ctx);
        Modality modality = run.modality();
        DatasetManifest dataset = run.dataset();
        String model = ctx.config().model().name();
        ModelStore store = new ModelStore(ctx.files());

        List<Metric> metrics = new ArrayList<>(store.history(runDir));
        Broadcast<byte[]> network = store.broadcast(ctx.spark(), runDir);
        try {
            metrics.addAll(modality.evaluate(ctx, dataset, network, runDir, manifest));
        } finally {
            network.destroy();
        }
        TrainingSummary training = TrainingSummary.readFrom(manifest);
        if (Double.isFinite(training.examplesPerSecond())) {
            metrics.add(new Metric(model, Splits.TRAIN, "train_examples_per_s", null, null,
                    training.examplesPerSecond()));
        }
        if (Double.isFinite(training.seconds())) {
            metrics.add(new Metric(model, Splits.TRAIN, "train_seconds", null, null, training.seconds()));
        }

        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics) {
            rows.add(m.toRow(manifest.runId(), dataset.name(), dataset.modality()));
        }
        String target = OutputLayout.evaluation(runDir);
        String staging = OutputLayout.staging(target);
        ctx.files().delete(staging);
        ctx.spark().createDataFrame(rows, EvaluationSchema.SCHEMA).coalesce(1).write().parquet(staging);
        KillSwitch.point("inside-evaluate");
        ctx.files().replace(staging, target);
        testSummary(metrics).forEach(ctx.log());
        manifest.rowCount("evaluation", "rows", rows.size());
        manifest.timing("evaluate", (System.nanoTime() - start) / 1e9);
        if (ctx.files().exists(OutputLayout.latents(runDir))) {
            manifest.status(RunManifest.STATUS_COMPLETE);
        }
    }

    /** One line per model of its final test metrics (not the per-dimension ones), in the table's order. */
    static List<String> testSummary(List<Metric> metrics) {
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        for (Metric m : metrics) {
            if (m.epoch() == null && m.dim() == null && Splits.TEST.equals(m.split())) {
                lines.computeIfAbsent(m.model(), k -> new StringBuilder("test " + k + ":"))
                        .append(String.format(" %s %.4g", m.metric(), m.value()));
            }
        }
        return lines.values().stream().map(StringBuilder::toString).toList();
    }
}
