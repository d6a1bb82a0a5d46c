package org.latentspark.jobs.modality;

import java.util.List;
import java.util.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.training.BatchEncoder;
import org.latentspark.jobs.training.EpochHooks;
import org.latentspark.jobs.training.SelectionScore;

/**
 * What one kind of data (images, spike trains, text) plugs into the shard → train → embed → evaluate steps.
 * The steps own staging, publishing, checkpoints and the manifest; a modality owns its readers, its model, its
 * latents table and its metrics.
 */
public interface Modality {
    /** Training examples, the first by id, that a fresh network takes its start from ({@link #startFromData}). */
    int START_SAMPLE = 1000;

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

    /**
     * What train.epochs, batch-size, learning-rate and model.kl-warmup-epochs are, where they are auto, for this
     * modality's model on this dataset: by default those that suit the image and text models on datasets of
     * thousands of examples (no KL warm-up).
     */
    default TrainSettings.Defaults trainingDefaults(RunConfig config, DatasetManifest dataset) {
        return new TrainSettings.Defaults(10, 64, 1e-3, 0);
    }

    /** What train.keep = auto keeps for this modality's model: by default the lowest validation neg_elbo. */
    default String keepDefault() {
        return TrainSettings.KEEP_BEST;
    }

    /**
     * How many candidates train.search.candidates = auto trains for this model on this dataset: none by default
     * (one model, trained by the configured trainer).
     */
    default int searchDefault(RunConfig config, DatasetManifest dataset) {
        return 0;
    }

    /**
     * The configuration with its auto training settings chosen ({@link #trainingDefaults}, {@link #keepDefault},
     * {@link #searchDefault}).
     */
    default RunConfig resolveTraining(RunConfig config, DatasetManifest dataset) {
        TrainSettings.Defaults defaults = trainingDefaults(config, dataset);
        TrainSettings train = config.train().resolve(defaults).resolveKeep(keepDefault());
        // Auto never chooses a search that train.search.max-examples refuses: each candidate's task holds the split.
        int candidates = dataset.count(Splits.TRAIN) <= train.search().maxExamples() ? searchDefault(config, dataset)
                : 0;
        return config.withTrain(train.withSearch(train.search().resolve(candidates)))
                .withModel(config.model().resolveKlWarmup(defaults.klWarmupEpochs()));
    }

    /**
     * Sets what a fresh network takes from the training data before its first step (neural: each unit's mean
     * rate); nothing by default.
     *
     * @param trainSample training examples, the first by id
     */
    default void startFromData(ComputationGraph network, RunConfig config, DatasetManifest dataset,
                               List<Row> trainSample) {
    }

    /**
     * Sets what the model changes between epochs, before an epoch (0-based) trains: nothing by default (text: the
     * annealed batch norm's weight). Training copies the network to the workers after this.
     */
    default void beforeEpoch(ComputationGraph network, RunConfig config, int epoch) {
    }

    /** The epoch loop's view of this modality's model: its selection score on these rows, and {@link #beforeEpoch}. */
    default EpochHooks epochHooks(RunConfig config, DatasetManifest dataset, List<Row> validation) {
        Modality modality = this;
        return new EpochHooks() {
            @Override
            public Optional<SelectionScore> selectionScore(ComputationGraph network) {
                return modality.selectionScore(network, config, dataset, validation);
            }

            @Override
            public void beforeEpoch(ComputationGraph network, int epoch) {
                modality.beforeEpoch(network, config, epoch);
            }
        };
    }

    /**
     * Multiply-adds of one example's forward pass, for models whose layers a per-weight count misses (recurrent
     * ones apply their weights once per time step); NaN where the benchmark's own count holds.
     */
    default double multiplyAddsPerExample(RunConfig config, DatasetManifest dataset) {
        return Double.NaN;
    }

    /**
     * How a search ranks its candidates, and train.keep = selection its epochs (higher is better), on validation
     * examples: the modality's own measure of a fit (neural: co_bps of the held-out units; text: npmi), or empty,
     * where the search then ranks by validation neg_elbo.
     */
    default Optional<SelectionScore> selectionScore(ComputationGraph network, RunConfig config,
                                                    DatasetManifest dataset, List<Row> validation) {
        return Optional.empty();
    }

    /** The latents table's rows (contract: the latents table) for every split. */
    Dataset<Row> latents(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runId);

    /**
     * Final metrics of the model and of this modality's same-run baselines (epoch null). Writes into the run the
     * tables this evaluation makes besides the evaluation table (text: the model's and the baseline's topics;
     * images: the baseline's latents), each published whole.
     */
    List<Metric> evaluate(JobContext ctx, DatasetManifest dataset, Broadcast<byte[]> model, String runDir,
                          RunManifest manifest);

    /**
     * The report's sections for this modality (pictures of the data, the model's reconstructions, its latent
     * space), drawn from the run's published tables and its model.
     *
     * @param metrics the run's evaluation table
     */
    default List<ReportSection> reportSections(JobContext ctx, DatasetManifest dataset, ComputationGraph model,
                                               String runDir, List<Metric> metrics) {
        return List.of();
    }
}
