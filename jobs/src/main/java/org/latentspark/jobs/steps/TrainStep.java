package org.latentspark.jobs.steps;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.spark.ExecutorFleet;
import org.latentspark.jobs.training.Checkpoints;
import org.latentspark.jobs.training.TrainingMasters;
import org.latentspark.jobs.training.VaeTrainer;

/** Trains the configured model on a dataset's train split and saves it under runs/&lt;id&gt;/model/. */
public final class TrainStep {
    /**
     * Training examples a fresh network takes its start from (neural: the mean rates) and that re-estimate batch
     * norm statistics after each epoch (ProdLDA, gradient sharing).
     */
    static final int CALIBRATION_EXAMPLES = Modality.START_SAMPLE;
    /** How long training waits for the requested executors to register (they start after the driver). */
    static final int EXECUTOR_WAIT_SECONDS = 120;

    private TrainStep() {
    }

    /**
     * Fails, before any training, on a dataset too small for its split: training needs examples to learn from and
     * validation ones to choose the kept epoch and schedule the learning rate, and evaluation test ones to score.
     */
    static void requireEverySplit(DatasetManifest dataset, String datasetDir, String examples) {
        long total = dataset.count(Splits.TRAIN) + dataset.count(Splits.VALIDATION) + dataset.count(Splits.TEST);
        for (String split : List.of(Splits.TRAIN, Splits.VALIDATION, Splits.TEST)) {
            if (dataset.count(split) == 0) {
                throw new UserInputException("dataset " + datasetDir + " is too small for its split: its " + total
                        + " " + examples + " give " + dataset.count(Splits.TRAIN) + " train, "
                        + dataset.count(Splits.VALIDATION) + " validation and " + dataset.count(Splits.TEST)
                        + " test, and training and evaluation need some in each. Add " + examples
                        + ", or raise dataset.split.validation / dataset.split.test and shard again under a new "
                        + "dataset.name (a split's share is drawn by hashing each id, so a few dozen " + examples
                        + " are needed at the default tenths)");
            }
        }
    }

    /** Training from scratch, or from the run's latest checkpoint when {@code resume}. */
    public static RunStep step(boolean resume) {
        return (ctx, runDir, manifest) -> run(ctx, runDir, resume, manifest);
    }

    static void run(JobContext ctx, String runDir, boolean resume, RunManifest manifest) {
        Modalities.WithDataset run = Modalities.withDataset(ctx);
        Modality modality = run.modality();
        DatasetManifest dataset = run.dataset();
        requireEverySplit(dataset, ctx.datasetDir(), modality.examples());
        RunConfig config = modality.resolveTraining(ctx.config(), dataset);
        Dataset<Row> shards = modality.readShards(ctx);
        if (config.train().search().enabled()) {
            SearchTraining.run(ctx, runDir, modality, dataset, config, shards, manifest);
            return;
        }

        Checkpoints checkpoints = new Checkpoints(ctx.files(), OutputLayout.checkpoints(runDir));
        Optional<Checkpoints.Restored> restored = resume ? checkpoints.latest() : Optional.empty();
        if (resume && restored.isEmpty()) {
            // Killed before its first checkpoint (while sharding, or in the first epoch): nothing to keep.
            ctx.log().accept("no complete checkpoint under " + OutputLayout.checkpoints(runDir)
                    + " yet: training from the start");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        Set<String> executors = ExecutorFleet.await(sc, EXECUTOR_WAIT_SECONDS, ctx.log());
        ComputationGraph network = restored.map(Checkpoints.Restored::network)
                .orElseGet(() -> modality.newNetwork(TrainingMasters.networkConfig(config, executors.size()),
                        dataset));
        int epochsDone = restored.map(Checkpoints.Restored::epochsCompleted).orElse(0);
        restored.ifPresent(r -> ctx.log().accept("resuming after epoch " + r.epochsCompleted()));

        Dataset<Row> train = shards.where(col("split").equalTo(Splits.TRAIN));
        // The validation sample gives the epoch's score; the train sample, the training curve beside it.
        Map<String, List<Row>> monitorRows = new LinkedHashMap<>();
        monitorRows.put(Splits.VALIDATION, shards.where(col("split").equalTo(Splits.VALIDATION))
                .orderBy("id").limit(config.train().monitorExamples()).collectAsList());
        monitorRows.put(Splits.TRAIN, train.orderBy("id").limit(config.train().monitorExamples())
                .collectAsList());
        List<Row> calibrationRows = train.orderBy("id").limit(CALIBRATION_EXAMPLES).collectAsList();
        if (restored.isEmpty()) {
            modality.startFromData(network, config, dataset, calibrationRows);
        }

        long start = System.nanoTime();
        String scratch = runDir + "/.scratch";
        VaeTrainer trainer = new VaeTrainer(sc, config,
                modality.batchEncoder(config, dataset), checkpoints, ctx.files(), scratch, ctx.log());
        List<Row> validation = monitorRows.get(Splits.VALIDATION);
        VaeTrainer.Result result = trainer.train(network, epochsDone,
                restored.map(Checkpoints.Restored::history).orElse(List.of()), train, monitorRows, calibrationRows,
                modality.epochHooks(config, dataset, validation));
        ctx.files().delete(scratch);
        new ModelStore(ctx.files()).save(runDir, result.network(), config.resolvedJson(), result.history());

        double seconds = (System.nanoTime() - start) / 1e9;
        // One model is a search of none: the manifest says so, and whether train.search.candidates = auto chose it.
        manifest.section("search").put("candidates", 0).put("automatic", config.train().search().automatic());
        written(manifest, ctx, dataset, config, result.network(), new TrainingSummary(config.train().trainer(),
                settingsOf(config), epochsDone + result.epochsTrained(), result.stoppedEarly(), epochsDone,
                result.keptEpoch(), result.examplesPerSecond(), seconds, executors.size(), result.audits()));
    }

    /** train.epochs, batch-size, learning-rate and model.kl-warmup-epochs as the run (or candidate) trained. */
    static TrainSettings.Defaults settingsOf(RunConfig config) {
        TrainSettings t = config.train();
        return new TrainSettings.Defaults(t.epochs(), t.batchSize(), t.learningRate(),
                config.model().klWarmupEpochs());
    }

    /** The manifest's dataset, model and training sections of a trained run, and its status. */
    static void written(RunManifest manifest, JobContext ctx, DatasetManifest dataset, RunConfig config,
                        ComputationGraph network, TrainingSummary summary) {
        manifest.section("dataset").put("name", dataset.name()).put("path", ctx.datasetDir())
                .put("modality", dataset.modality());
        manifest.section("model").put("name", config.model().name()).put("latent_dim", config.model().latentDim())
                .put("parameters", network.numParams());
        summary.writeTo(manifest);
        manifest.section("training").put("keep", config.train().keep());
        manifest.status(RunManifest.STATUS_TRAINED);
    }
}
