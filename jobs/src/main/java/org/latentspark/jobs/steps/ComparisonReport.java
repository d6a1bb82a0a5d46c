package org.latentspark.jobs.steps;

import java.util.ArrayList;
import java.util.List;
import org.latentspark.common.UserInputException;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.report.Html;
import org.latentspark.jobs.report.MetricsTable;
import org.latentspark.jobs.report.ReportPage;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.report.TrainingCurves;

/**
 * Writes reports/&lt;A&gt;-vs-&lt;B&gt;…/index.html: several published runs of one dataset side by side (models,
 * trainers or seeds), their metrics in one table with a column per run and model, and their curves in one chart.
 */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    /** @return the report's directory */
    public static String write(JobContext ctx, List<String> runIds) {
        List<RunManifest> manifests = runIds.stream().map(id -> RunManifest.load(ctx.files(), ctx.layout().run(id)))
                .toList();
        String dataset = datasetOf(manifests.get(0));
        for (int i = 1; i < manifests.size(); i++) {
            if (!dataset.equals(datasetOf(manifests.get(i)))) {
                throw new UserInputException("runs " + runIds.get(0) + " and " + runIds.get(i) + " were trained on "
                        + "different datasets (" + dataset + ", " + datasetOf(manifests.get(i)) + "); a comparison "
                        + "needs one dataset");
            }
        }
        List<Metric> metrics = new ArrayList<>();
        List<List<String>> overview = new ArrayList<>();
        for (int i = 0; i < runIds.size(); i++) {
            String runId = runIds.get(i);
            RunManifest manifest = manifests.get(i);
            for (Metric m : ReportStep.readEvaluation(ctx, ctx.layout().run(runId))) {
                metrics.add(new Metric(runId + " / " + m.model(), m.split(), m.metric(), m.dim(), m.epoch(),
                        m.value()));
            }
            TrainingSummary training = TrainingSummary.readFrom(manifest);
            overview.add(List.of(runId, manifest.json().path("model").path("name").asText(), training.trainer(),
                    String.valueOf(training.epochsTrained()), String.valueOf(training.keptEpoch()),
                    manifest.json().path("seed").asText(), Html.number(training.examplesPerSecond()),
                    Html.number(training.seconds())));
        }
        List<ReportSection> sections = List.of(
                new ReportSection("Runs", Html.table(List.of("run", "model", "trainer", "epochs", "kept epoch",
                        "seed", "examples/s", "train s"), overview), List.of()),
                new ReportSection("Metrics", "<p>Final metrics, a column per run and model (baselines included); "
                        + "the best of each row is marked.</p>" + MetricsTable.of(metrics, Metric::model, null)
                        .html(), List.of()),
                ReportSection.of("Training", TrainingCurves.of(metrics, m -> m.model() + ", " + m.split(), 0)));
        String dir = ctx.layout().comparison(runIds);
        ReportStep.write(ctx, dir, ReportPage.render("latentspark: " + String.join(" vs ", runIds),
                runIds.size() + " runs on " + dataset, sections));
        return dir;
    }

    private static String datasetOf(RunManifest manifest) {
        return manifest.json().path("dataset").path("name").asText();
    }
}
