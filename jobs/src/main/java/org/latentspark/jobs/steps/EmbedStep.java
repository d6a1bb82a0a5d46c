package org.latentspark.jobs.steps;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.common.schema.LatentsSchema;
import org.latentspark.datasets.sharding.ImageShards;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.inference.ImageBatch;

/** Writes runs/&lt;id&gt;/latents/: every example's posterior mean and log-variance, for every split. */
public final class EmbedStep {
    static final int BATCH = 256;

    private EmbedStep() {
    }

    public static void run(JobContext ctx, String runDir, RunManifest manifest) {
        long start = System.nanoTime();
        DatasetManifest dataset = DatasetManifest.load(ctx.files(), ctx.datasetDir());
        Dataset<Row> shards = ImageShards.read(ctx.spark(), ctx.datasetDir());
        ImageBatch.Geometry geometry = TrainStep.geometry(dataset, ctx.config().model().latentDim());
        Broadcast<byte[]> model = new ModelStore(ctx.files()).broadcast(ctx.spark(), runDir);
        String runId = manifest.runId();
        String datasetName = dataset.name();
        long seed = ctx.config().seed();
        JavaRDD<Row> rows = shards.toJavaRDD().mapPartitions(
                part -> embed(part, ModelStore.fromBytes(model.value()), geometry, seed, runId, datasetName));
        Dataset<Row> latents = ctx.spark().createDataFrame(rows, LatentsSchema.IMAGE);

        String target = OutputLayout.latents(runDir);
        String staging = OutputLayout.staging(target);
        try {
            latents.write().parquet(staging);
        } finally {
            model.destroy();
        }
        ctx.files().publish(staging, target);

        for (Row count : ctx.spark().read().parquet(target).groupBy("split").count().collectAsList()) {
            manifest.rowCount("latents", count.getString(0), count.getLong(1));
        }
        for (String split : Splits.ALL) {
            if (dataset.count(split) > 0 && !manifest.json().at("/row_counts/latents/" + split).isNumber()) {
                manifest.rowCount("latents", split, 0);
            }
        }
        manifest.section("model").put("latent_dim", geometry.latentDim());
        manifest.timing("embed", (System.nanoTime() - start) / 1e9);
        manifest.status(RunManifest.STATUS_EMBEDDED);
    }

    private static Iterator<Row> embed(Iterator<Row> part, org.deeplearning4j.nn.graph.ComputationGraph network,
                                       ImageBatch.Geometry geometry, long seed, String runId, String dataset) {
        VaeInference inference = new VaeInference(network);
        List<Row> out = new ArrayList<>();
        ImageBatch.forEachBatch(part, BATCH, rows -> {
            ImageBatch batch = ImageBatch.of(rows, geometry, seed);
            VaeInference.Pass pass = inference.forward(batch.x(), batch.eps());
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                out.add(RowFactory.create(runId, dataset, r.getAs(ImageSchema.SPLIT), r.getAs(ImageSchema.ID),
                        pass.zMean().getRow(i).toFloatVector(), pass.zLogVar().getRow(i).toFloatVector(),
                        r.getAs(ImageSchema.LABEL), r.getAs(ImageSchema.FACTORS)));
            }
        });
        return out.iterator();
    }
}
