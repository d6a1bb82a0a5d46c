package org.latentspark.jobs.steps;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.latentspark.common.KillSwitch;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;

/** Writes runs/&lt;id&gt;/latents/ (every example's posterior, for every split) and the modality's extra tables. */
public final class EmbedStep {
    private EmbedStep() {
    }

    public static void run(JobContext ctx, String runDir, RunManifest manifest) {
        long start = System.nanoTime();
        Modalities.WithDataset run = Modalities.withDataset(ctx);
        Modality modality = run.modality();
        DatasetManifest dataset = run.dataset();
        Broadcast<byte[]> model = new ModelStore(ctx.files()).broadcast(ctx.spark(), runDir);
        String target = OutputLayout.latents(runDir);
        String staging = OutputLayout.staging(target);
        // A re-run keeps the earlier latents readable until the new ones are complete.
        ctx.files().delete(staging);
        try {
            modality.latents(ctx, dataset, model, manifest.runId()).write().parquet(staging);
            KillSwitch.point("inside-embed");
            ctx.files().replace(staging, target);
        } finally {
            model.destroy();
        }

        for (Row count : ctx.spark().read().parquet(target).groupBy("split").count().collectAsList()) {
            manifest.rowCount("latents", count.getString(0), count.getLong(1));
        }
        for (String split : Splits.ALL) {
            if (dataset.count(split) > 0 && !manifest.json().at("/row_counts/latents/" + split).isNumber()) {
                manifest.rowCount("latents", split, 0);
            }
        }
        manifest.section("model").put("latent_dim", ctx.config().model().latentDim());
        manifest.timing("embed", (System.nanoTime() - start) / 1e9);
        manifest.status(RunManifest.STATUS_EMBEDDED);
    }
}
