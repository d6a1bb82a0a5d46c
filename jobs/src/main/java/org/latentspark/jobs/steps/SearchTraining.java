package org.latentspark.jobs.steps;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.search.Candidate;
import org.latentspark.jobs.search.CandidateSearch;
import org.latentspark.jobs.spark.ExecutorFleet;
import org.latentspark.jobs.training.TrainingMasters;

/**
 * The train step under train.search: the candidates train side by side, one task each, and the best by validation
 * score becomes the run's model, with every candidate's settings and scores in the manifest and the evaluation
 * table. A search starts over on --resume: its candidates keep no checkpoints.
 */
final class SearchTraining {
    /** The manifest's trainer for a model a search chose. */
    static final String TRAINER = "search";

    private SearchTraining() {
    }

    static void run(JobContext ctx, String runDir, Modality modality, DatasetManifest dataset, RunConfig config,
                    Dataset<Row> shards, RunManifest manifest) {
        TrainSettings.Search search = config.train().search();
        requireFits(dataset.count(Splits.TRAIN), search.maxExamples(), ctx.datasetDir(), modality.examples());
        if (search.automatic()) {
            ctx.log().accept("search: train.search.candidates = auto chose " + search.candidates() + " candidates for "
                    + config.model().name() + " on " + dataset.count(Splits.TRAIN) + " training "
                    + modality.examples() + " (set it to 0 to train one model with train.trainer)");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
        int executors = ExecutorFleet.await(sc, TrainStep.EXECUTOR_WAIT_SECONDS, ctx.log()).size();
        List<Row> train = split(shards, Splits.TRAIN);
        List<Row> validation = split(shards, Splits.VALIDATION);
        int threads = TrainingMasters.opThreads(config.train().withTrainer(TrainSettings.AVERAGING), sc);
        CandidateSearch.Result result = CandidateSearch.run(sc, Candidate.draw(config, search.candidates(),
                config.seed()), dataset, Modalities::of, train, validation, threads, ctx.log());

        RunConfig kept = result.kept().config();
        CandidateSearch.Outcome outcome = result.keptOutcome();
        long examples = result.outcomes().stream().mapToLong(CandidateSearch.Outcome::examplesTrained).sum();
        List<Metric> history = new ArrayList<>(outcome.history());
        history.addAll(CandidateSearch.candidateMetrics(kept.model().name(), result.outcomes()));
        new ModelStore(ctx.files()).save(runDir, result.network(), result.kept().configJson(), history);
        CandidateSearch.writeTo(manifest.section("search"), result);
        manifest.section("search").put("automatic", search.automatic());
        TrainStep.written(manifest, ctx, dataset, kept, result.network(), new TrainingSummary(TRAINER,
                TrainStep.settingsOf(kept), outcome.epochsTrained(), outcome.stoppedEarly(), 0, outcome.keptEpoch(),
                examples / result.seconds(), result.seconds(), executors, List.of()));
    }

    /** Fails on a training split larger than train.search.max-examples: every task holds all of it. */
    static void requireFits(long trainCount, int maxExamples, String datasetDir, String examples) {
        if (trainCount > maxExamples) {
            throw new UserInputException("train.search trains each candidate in one task on the whole training split,"
                    + " and dataset " + datasetDir + " has " + trainCount + " training " + examples + ", more than "
                    + "train.search.max-examples (" + maxExamples + "): raise it if one executor holds them, or train "
                    + "one model with train.search.candidates = 0");
        }
    }

    private static List<Row> split(Dataset<Row> shards, String split) {
        return shards.where(col("split").equalTo(split)).orderBy("id").collectAsList();
    }
}
