package org.latentspark.jobs.steps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.ModelCodec;
import org.latentspark.jobs.report.Html;
import org.latentspark.jobs.report.MetricsTable;
import org.latentspark.jobs.report.ReportPage;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.report.TrainingCurves;

/**
 * Writes runs/&lt;id&gt;/report/index.html: the run's manifest, its metrics beside the baselines', its training
 * curves and its modality's pictures, from the run's published tables and model (so it can be redrawn later with
 * {@code latentspark report}).
 */
public final class ReportStep {
    public static final String PAGE = "index.html";

    private ReportStep() {
    }

    public static void run(JobContext ctx, String runDir, RunManifest manifest) {
        long start = System.nanoTime();
        Modalities.WithDataset run = Modalities.withDataset(ctx);
        List<Metric> metrics = readEvaluation(ctx, runDir);
        String model = ctx.config().model().name();
        TrainingSummary training = TrainingSummary.readFrom(manifest);
        ComputationGraph network = ModelCodec.fromBytes(new ModelStore(ctx.files()).modelBytes(runDir));

        List<ReportSection> sections = new ArrayList<>();
        sections.add(new ReportSection("Run", overview(manifest, training), List.of()));
        sections.add(new ReportSection("Metrics", "<p>Final metrics of the model and the same-run baselines "
                + "(the evaluation table's rows with no epoch); the better value of each row is marked.</p>"
                + MetricsTable.of(metrics, model).html(), List.of()));
        sections.add(ReportSection.of("Training", TrainingCurves.of(metrics, Metric::split, training.keptEpoch())));
        sections.addAll(run.modality().reportSections(ctx, run.dataset(), network, runDir, metrics));

        String title = "latentspark run " + manifest.runId();
        String subtitle = model + " on " + run.dataset().name() + " (" + run.dataset().modality() + "), trained with "
                + training.trainer();
        write(ctx, OutputLayout.report(runDir), ReportPage.render(title, subtitle, sections));
        manifest.timing("report", (System.nanoTime() - start) / 1e9);
    }

    /** Writes a report's page into a hidden sibling and moves it in place, replacing an earlier report. */
    static void write(JobContext ctx, String reportDir, byte[] page) {
        String staging = OutputLayout.staging(reportDir);
        ctx.files().delete(staging);
        ctx.files().mkdirs(staging);
        ctx.files().writeAtomically(staging + "/" + PAGE, page);
        ctx.files().replace(staging, reportDir);
    }

    /** A run's evaluation table; a run without one (trained only) is refused with what to run first. */
    static List<Metric> readEvaluation(JobContext ctx, String runDir) {
        String path = OutputLayout.evaluation(runDir);
        if (!ctx.files().exists(path)) {
            throw new UserInputException("run " + runDir.substring(runDir.lastIndexOf('/') + 1)
                    + " has no evaluation table at " + path + "; run evaluate on it first");
        }
        List<Metric> out = new ArrayList<>();
        for (Row r : ctx.spark().read().parquet(path).collectAsList()) {
            out.add(new Metric(r.getAs("model"), r.getAs("split"), r.getAs("metric"), r.getAs("dim"),
                    r.getAs("epoch"), r.<Double>getAs("value")));
        }
        return out;
    }

    /** The manifest as a reader wants it first: what ran, on what, how long; the whole of it folded below. */
    static String overview(RunManifest manifest, TrainingSummary training) {
        JsonNode doc = manifest.json();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run id", manifest.runId()));
        rows.add(List.of("status", manifest.status()));
        rows.add(List.of("command", doc.path("command").asText()));
        rows.add(List.of("created", doc.path("created").asText()));
        rows.add(List.of("dataset", doc.path("dataset").path("name").asText() + " at "
                + doc.path("dataset").path("path").asText()));
        rows.add(List.of("model", doc.path("model").path("name").asText() + ", latent dimension "
                + doc.path("model").path("latent_dim").asText() + ", "
                + doc.path("model").path("parameters").asText() + " parameters"));
        String stopped = training.stoppedEarly() == null ? ""
                : " of " + training.settings().epochs() + ", stopped early: " + training.stoppedEarly();
        rows.add(List.of("training", training.trainer() + ", " + training.epochsTrained() + " epochs" + stopped
                + " (kept: " + training.keptEpoch() + "), executors at start: " + training.executorsAtStart()
                + ", " + Html.number(training.examplesPerSecond()) + " examples/s"));
        rows.add(List.of("seed", doc.path("seed").asText()));
        StringBuilder timings = new StringBuilder();
        for (Map.Entry<String, JsonNode> t : (Iterable<Map.Entry<String, JsonNode>>) doc.path("timings_s")::fields) {
            timings.append(timings.isEmpty() ? "" : ", ").append(t.getKey()).append(' ')
                    .append(Html.number(t.getValue().asDouble())).append(" s");
        }
        rows.add(List.of("timings", timings.toString()));
        StringBuilder versions = new StringBuilder();
        for (Map.Entry<String, JsonNode> v : (Iterable<Map.Entry<String, JsonNode>>) doc.path("versions")::fields) {
            versions.append(versions.isEmpty() ? "" : ", ").append(v.getKey()).append(' ')
                    .append(v.getValue().asText());
        }
        rows.add(List.of("versions", versions + ", commit " + doc.path("git_commit").asText()));
        return Html.table(List.of("", ""), rows)
                + "<details><summary>Run manifest (resolved configuration, row counts, what each epoch trained)"
                + "</summary><pre>" + Html.escape(Json.write(doc)) + "</pre></details>";
    }
}
