package org.latentspark.jobs.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.modality.ModelCodec;
import org.latentspark.jobs.spark.GpuBinding;
import org.latentspark.jobs.training.InMemoryTrainer;
import org.latentspark.jobs.training.OpThreads;
import org.latentspark.jobs.training.SelectionScore;
import org.latentspark.jobs.training.TrainingDivergedException;

/**
 * train.search: trains every candidate at once, one Spark task each (so across the executors), each in its task's
 * JVM on the whole training split, and keeps the one with the best validation score. Small recordings gain more
 * from many models than from data parallelism (AutoLFADS); all candidates run in one Spark application.
 */
public final class CandidateSearch {
    private static final String NEG_ELBO = "neg_elbo";

    private CandidateSearch() {
    }

    /**
     * What one candidate's task did: its validation score ({@code metric}: the modality's, or neg_elbo), its
     * training, where it ran, and the kept network; or why it failed ({@code failure}, everything else empty).
     */
    public record Outcome(int index, Map<String, Double> settings, String metric, double score, double negElbo,
                          int epochsTrained, int keptEpoch, long examplesTrained, String stoppedEarly,
                          double seconds, String executor, byte[] model, List<Metric> history, String failure)
            implements Serializable {
        /** Higher is better: neg_elbo counts negated; a failed candidate or a score that is not finite, last. */
        double rank() {
            if (failure != null || !Double.isFinite(score)) {
                return Double.NEGATIVE_INFINITY;
            }
            return NEG_ELBO.equals(metric) ? -score : score;
        }
    }

    /** The kept candidate, its network, and every candidate's outcome by index. */
    public record Result(Candidate kept, ComputationGraph network, Outcome keptOutcome, List<Outcome> outcomes,
                         double seconds) {
    }

    /**
     * @param modalities the modality of a configuration (runs on the executors)
     * @param train      the whole training split, sorted by id
     * @param validation the validation split
     * @param opThreads  ND4J threads of each task
     */
    public static Result run(JavaSparkContext sc, List<Candidate> candidates, DatasetManifest dataset,
                             Function<RunConfig, Modality> modalities, List<Row> train, List<Row> validation,
                             int opThreads, Consumer<String> log) {
        long start = System.nanoTime();
        String datasetJson = dataset.json().toString();
        Broadcast<List<Row>> trainRows = sc.broadcast(train);
        Broadcast<List<Row>> validationRows = sc.broadcast(validation);
        log.accept("search: training " + candidates.size() + " candidates, one task each, on " + train.size()
                + " training and " + validation.size() + " validation examples");
        List<Outcome> outcomes;
        try {
            outcomes = new ArrayList<>(sc.parallelize(candidates, candidates.size())
                    .map(c -> trainCandidate(c, datasetJson, modalities, trainRows.value(), validationRows.value(),
                            opThreads))
                    .collect());
        } finally {
            trainRows.destroy();
            validationRows.destroy();
        }
        outcomes.sort(Comparator.comparingInt(Outcome::index));
        for (Outcome o : outcomes) {
            log.accept(describe(o));
            if (o.failure() == null && o.examplesTrained() != (long) o.epochsTrained() * train.size()) {
                throw new IllegalStateException("search candidate " + o.index() + " trained " + o.examplesTrained()
                        + " examples in " + o.epochsTrained() + " epochs of " + train.size());
            }
        }
        Outcome best = outcomes.stream().filter(o -> o.rank() > Double.NEGATIVE_INFINITY)
                .max(Comparator.comparingDouble(Outcome::rank).thenComparing(o -> -o.index()))
                .orElseThrow(() -> new TrainingDivergedException("every search candidate failed or scored no "
                        + "finite validation score: " + outcomes.stream().map(o -> "candidate " + o.index() + ": "
                        + (o.failure() != null ? o.failure() : o.metric() + " " + o.score())).toList()));
        log.accept(String.format("search: keeping candidate %d (validation %s %.4f)", best.index(), best.metric(),
                best.score()));
        return new Result(candidates.get(best.index()), ModelCodec.fromBytes(best.model()), best, outcomes,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * One candidate, in its task. A candidate that fails (diverges, trains nothing, scores nothing) is an outcome of
     * the search, not its end: Spark would retry the task to the same end and lose every other candidate's result.
     */
    static Outcome trainCandidate(Candidate c, String datasetJson, Function<RunConfig, Modality> modalities,
                                  List<Row> train, List<Row> validation, int opThreads) throws Exception {
        GpuBinding.bindCurrentTask();
        OpThreads.limit(opThreads);
        long start = System.nanoTime();
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        DatasetManifest dataset = new DatasetManifest((ObjectNode) new ObjectMapper().readTree(datasetJson));
        RunConfig config = c.config();
        Modality modality = modalities.call(config);
        ComputationGraph network = modality.newNetwork(config, dataset);
        modality.startFromData(network, config, dataset, train.subList(0, Math.min(train.size(),
                Modality.START_SAMPLE)));
        InMemoryTrainer.Result r;
        Optional<SelectionScore> score;
        try {
            r = InMemoryTrainer.train(network, config, modality.batchEncoder(config, dataset), train, validation,
                    modality.epochHooks(config, dataset, validation));
            score = modality.selectionScore(r.network(), config, dataset, validation);
        } catch (RuntimeException e) {
            return new Outcome(c.index(), c.settings(), null, Double.NaN, Double.NaN, 0, 0, 0, null,
                    (System.nanoTime() - start) / 1e9, executor, null, List.of(), e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        return new Outcome(c.index(), c.settings(), score.map(SelectionScore::metric).orElse(NEG_ELBO),
                score.map(SelectionScore::value).orElse(r.bestScore()), r.bestScore(), r.epochsTrained(),
                r.keptEpoch(), r.examplesTrained(), r.stoppedEarly(), (System.nanoTime() - start) / 1e9, executor,
                ModelCodec.toBytes(r.network(), false), r.history(), null);
    }

    private static String describe(Outcome o) {
        String settings = o.settings().entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() == Math.rint(e.getValue())
                        ? String.valueOf(e.getValue().longValue()) : String.format("%.3g", e.getValue())))
                .toList().toString();
        if (o.failure() != null) {
            return "search: candidate " + o.index() + " " + settings + " failed: " + o.failure();
        }
        return String.format("search: candidate %d %s: validation %s %.4f, neg_elbo %.3f, %d epochs (kept %d), "
                + "%.0f s on executor %s", o.index(), settings, o.metric(), o.score(), o.negElbo(), o.epochsTrained(),
                o.keptEpoch(), o.seconds(), o.executor());
    }

    /**
     * The evaluation table's rows of the search: each candidate's validation score and neg_elbo, as model
     * {@code <model>_candidate_<index>} (the kept candidate's model is the run's model, as always).
     */
    public static List<Metric> candidateMetrics(String model, List<Outcome> outcomes) {
        List<Metric> out = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure() == null) {
                String name = model + "_candidate_" + o.index();
                if (!NEG_ELBO.equals(o.metric())) {
                    out.add(new Metric(name, Splits.VALIDATION, o.metric(), null, null, o.score()));
                }
                out.add(new Metric(name, Splits.VALIDATION, NEG_ELBO, null, null, o.negElbo()));
            }
        }
        return out;
    }

    /** The run manifest's search section: each candidate's settings, score, training and executor; the kept one. */
    public static void writeTo(ObjectNode section, Result result) {
        section.put("candidates", result.outcomes().size()).put("kept", result.keptOutcome().index())
                .put("metric", result.keptOutcome().metric()).put("seconds", result.seconds());
        ArrayNode list = section.putArray("results");
        for (Outcome o : result.outcomes()) {
            ObjectNode node = list.addObject().put("index", o.index());
            ObjectNode settings = node.putObject("settings");
            o.settings().forEach(settings::put);
            if (o.failure() != null) {
                node.put("failure", o.failure());
                continue;
            }
            node.put(o.metric(), o.score()).put("neg_elbo", o.negElbo()).put("epochs_trained", o.epochsTrained())
                    .put("kept_epoch", o.keptEpoch()).put("seconds", o.seconds()).put("executor", o.executor());
            if (o.stoppedEarly() != null) {
                node.put("stopped_early", o.stoppedEarly());
            }
        }
    }
}
