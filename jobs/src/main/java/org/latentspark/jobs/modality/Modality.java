package org.latentspark.jobs.modality;

import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.training.BatchEncoder;

/**
 * What one kind of data (images, spike trains, text) plugs into the shard → train → embed → evaluate steps.
 * The steps own staging, publishing, checkpoints and the manifest; a modality owns its readers, its model, its
 * latents table and its metrics.
 */
public interface Modality {
    /** image, neural or text: the modality column of the evaluation table. */
    String name();

    /** What one example is, in the plural, for throughput figures: images, trials, documents. */
    String examples();

    /** Reads the configured source and writes its shards (or reuses identical ones). */
    DatasetManifest shard(JobContext ctx);

    /** The dataset's shards, schema-checked before any work runs. */
    Dataset<Row> readShards(JobContext ctx);

    /** A freshly initialized network for the configured model on this dataset. */
    ComputationGraph newNetwork(RunConfig config, DatasetManifest dataset);

    BatchEncoder batchEncoder(RunConfig config, DatasetManifest dataset);

    /** The latents table's rows (contract: the latents table) for every split. */
    Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId);

    /** Final metrics of the model and of this modality's same-run baselines (epoch null). */
    List<Metric> metrics(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir);

    /** Tables beyond latents and evaluation (the topics of a text model), written into the unpublished run. */
    default void writeExtraTables(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir,
                                  RunManifest manifest) {
    }
}
