package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.latentspark.common.config.ModelSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.model.BatchNormRecalibration;
import org.latentspark.jobs.spark.ExecutorFleet;
import org.latentspark.jobs.spark.GpuBinding;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The epoch loop: one DL4J Spark fit per epoch over freshly shuffled and drawn minibatches (watched for stalls), a
 * divergence check, the epoch's monitoring metrics, and a checkpoint every train.checkpoint-every epochs and after
 * the last.
 */
public final class VaeTrainer {
    /** How long an epoch waits for the requested executors to be registered. */
    static final int EXECUTOR_WAIT_SECONDS = 60;
    private final JavaSparkContext sc;
    private final RunConfig config;
    private final BatchEncoder encoder;
    private final Checkpoints checkpoints;
    private final HadoopFiles files;
    private final String scratchDir;
    private final Consumer<String> log;

    /**
     * @param scratchDir a directory every executor can reach (on the output file system), for the minibatches
     *                   each epoch trains from; deleted after each epoch
     */
    public VaeTrainer(JavaSparkContext sc, RunConfig config, BatchEncoder encoder, Checkpoints checkpoints,
                      HadoopFiles files, String scratchDir, Consumer<String> log) {
        this.sc = sc;
        this.config = config;
        this.encoder = encoder;
        this.checkpoints = checkpoints;
        this.files = files;
        this.scratchDir = scratchDir;
        this.log = log;
    }

    /**
     * The trained network and the per-epoch metrics, including the resumed run's earlier epochs.
     *
     * @param keptEpoch the epoch whose parameters the network holds (train.keep)
     * @param audits    what each epoch this run trained really trained, by executor
     * @param stoppedEarly why training stopped before train.epochs (train.plateau), or null
     */
    public record Result(ComputationGraph network, List<Metric> history, int epochsTrained, double examplesPerSecond,
                         int keptEpoch, List<TrainingAudit> audits, String stoppedEarly) {
    }

    /**
     * @param monitorRows     examples scored after every epoch, by split; the first split's neg_elbo is the
     *                        epoch's score (validation; train where there is no validation split)
     * @param calibrationRows training examples that re-estimate batch norm statistics after every epoch (models
     *                        with batch norm only; see BatchNormRecalibration)
     * @param hooks           the model's selection score (train.keep = selection) and what it changes between
     *                        epochs
     */
    public Result train(ComputationGraph network, int epochsDone, List<Metric> earlierHistory,
                        Dataset<Row> trainShards, Map<String, List<Row>> monitorRows,
                        List<Row> calibrationRows, EpochHooks hooks) {
        TrainSettings train = config.train();
        if (!train.resolved()) {
            throw new IllegalStateException("train.epochs, batch-size or learning-rate is still auto: resolve the "
                    + "configuration for the dataset first (Modality.resolveTraining)");
        }
        String model = config.model().name();
        EpochMonitor monitor = new EpochMonitor(monitorRows, encoder, model);
        // A best epoch past the checkpoint resumed from belongs to epochs this run redoes.
        KeptEpoch kept = new KeptEpoch(train.keep(), hooks, model, epochsDone > 0
                ? checkpoints.best().filter(b -> b.epoch() <= epochsDone).orElse(null) : null);
        List<Metric> history = new ArrayList<>(earlierHistory);
        List<Metric> selectionAtStart = kept.score(network, epochsDone);
        if (epochsDone == 0) {
            history.addAll(monitor.score(network, 0));
            history.addAll(selectionAtStart);
        }
        long examplesPerEpoch = trainShards.count();
        String trainer = train.trainer();
        boolean sharing = TrainSettings.SHARING.equals(trainer);
        SharingMesh mesh = sharing ? new SharingMesh(sc, train, config.seed(), log) : null;
        int opThreads = TrainingMasters.opThreads(train, sc);
        // Gradient sharing passes batch norm's running statistics through its threshold encoding like gradients, and
        // they drift; parameter averaging averages them as they are and needs no correction.
        INDArray[] calibration = sharing && hasBatchNorm(network) && !calibrationRows.isEmpty()
                ? encoder.encode(calibrationRows, 0, 1.0).getFeatures() : null;
        PlateauSchedule plateau = new PlateauSchedule(train.plateau(),
                TrainingMasters.networkConfig(config, ExecutorFleet.registered(sc).size()).train().learningRate());
        resumeSchedule(plateau, history, monitorRows.keySet().iterator().next(), epochsDone, network,
                config.model());
        int epochsTrained = 0;
        List<TrainingAudit> audits = new ArrayList<>();
        String stoppedEarly = null;
        try {
            for (int epoch = epochsDone; epoch < train.epochs(); epoch++) {
                hooks.beforeEpoch(network, epoch);
                MiniBatches.Spec spec = new MiniBatches.Spec(encoder, train.batchSize(), epoch,
                        config.model().klWeight(epoch), opThreads);
                JavaRDD<MultiDataSet> batches = MiniBatches.of(MiniBatches.shuffled(trainShards, config.seed(), epoch),
                        spec);
                long start = System.nanoTime();
                // After an executor loss, its replacement may still be starting: wait for it, as at the start.
                Set<String> executorsBefore = ExecutorFleet.await(sc, EXECUTOR_WAIT_SECONDS, log);
                INDArray paramsBefore = network.params().dup();
                ExamplesPerExecutor trained = new ExamplesPerExecutor();
                sc.sc().register(trained, ExamplesPerExecutor.NAME_PREFIX + (epoch + 1));
                String export = scratchDir + "/epoch-" + epoch;
                MinibatchExport.Exported exported;
                String epochName = "epoch " + (epoch + 1) + "/" + train.epochs();
                try (TrainingWatchdog watchdog = TrainingWatchdog.watch(sc, train.stallTimeout(), epochName);
                     EpochProgressBar bar = EpochProgressBar.start(sc, trained, examplesPerEpoch, epochName)) {
                    try {
                        exported = MinibatchExport.write(sc, batches, export);
                        CountingMinibatchLoader loader = new CountingMinibatchLoader(trained);
                        network = sharing
                                ? mesh.fit(network, exported.paths(), executorsBefore, loader,
                                        VaeTrainer::trainingTasks)
                                : fitAveraging(network, exported.minibatches(), epoch, loader);
                    } catch (Exception e) {
                        throw watchdog.check(e);
                    }
                } finally {
                    files.delete(export);
                }
                TrainingAudit audit = new TrainingAudit(epoch + 1, exported.examples(), exported.paths().size(),
                        trained.value());
                audit.require(trainer, executorsBefore, ExecutorFleet.registered(sc),
                        changed(paramsBefore, network.params()));
                audits.add(audit);
                if (calibration != null) {
                    BatchNormRecalibration.recalibrate(network, calibration);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                epochsTrained++;
                requireFinite(network, epoch + 1);
                List<Metric> scores = monitor.score(network, epoch + 1);
                double score = scores.get(0).value();
                history.addAll(scores);
                List<Metric> selected = kept.score(network, epoch + 1);
                history.addAll(selected);
                history.add(new Metric(model, "train", "train_examples_per_s", null, epoch + 1,
                        examplesPerEpoch / seconds));
                String selection = selected.isEmpty() ? ""
                        : String.format(", %s %.4f", selected.get(0).metric(), selected.get(0).value());
                log.accept(String.format("epoch %d/%d: validation neg_elbo %.3f%s, %.0f examples/s",
                        epoch + 1, train.epochs(), score, selection, examplesPerEpoch / seconds));
                // While the KL term warms up the score (at the full KL weight) rises as the model starts using its
                // latent: those epochs neither count towards a plateau nor are kept as the best.
                boolean warmedUp = config.model().klWarmedUp(epoch);
                PlateauSchedule.Decision next = warmedUp ? plateau.observe(score)
                        : new PlateauSchedule.Decision(plateau.learningRate(), false, null);
                if (next.decayed()) {
                    network.setLearningRate(next.learningRate());
                    log.accept(String.format("learning rate %.3g from epoch %d: validation neg_elbo on a plateau",
                            next.learningRate(), epoch + 2));
                }
                stoppedEarly = next.stop();
                boolean last = epoch + 1 == train.epochs() || stoppedEarly != null;
                if (last || (epoch + 1) % train.checkpointEvery() == 0) {
                    checkpoints.save(network, epoch + 1, config.seed(), history);
                }
                if (kept.offer(network, epoch + 1, score, warmedUp)) {
                    checkpoints.saveBest(network, kept.best());
                }
                if (stoppedEarly != null) {
                    log.accept("stopping after epoch " + (epoch + 1) + ": " + stoppedEarly);
                    break;
                }
            }
        } finally {
            if (mesh != null) {
                mesh.close();
            }
        }
        double throughput = throughput(history);
        int keptEpoch = epochsDone + epochsTrained;
        Checkpoints.Best best = kept.best();
        if (best != null && best.epoch() != keptEpoch) {
            // The updater state stays the last epoch's; the kept model is for inference, not for more training.
            network.setParams(best.params());
            log.accept(kept.describe());
            keptEpoch = best.epoch();
        }
        return new Result(network, history, epochsTrained, throughput, keptEpoch, audits, stoppedEarly);
    }

    /**
     * Replays the scores of the epochs a resumed run has done through the schedule, and gives the network the rate
     * they led to (a checkpoint's network already has it; this also holds when the executors, and so the
     * per-worker rate, changed).
     */
    private static void resumeSchedule(PlateauSchedule plateau, List<Metric> history, String scoreSplit,
                                       int epochsDone, ComputationGraph network, ModelSettings model) {
        if (epochsDone == 0) {
            return;
        }
        history.stream().filter(m -> m.metric().equals("neg_elbo") && m.split().equals(scoreSplit)
                        && m.epoch() != null && m.epoch() >= 1 && m.epoch() <= epochsDone
                        && model.klWarmedUp(m.epoch() - 1))
                .sorted(java.util.Comparator.comparing(Metric::epoch))
                .forEach(m -> plateau.observe(m.value()));
        network.setLearningRate(plateau.learningRate());
    }

    /**
     * One epoch of parameter averaging: one DL4J fit per averaging round, each over the slices of minibatch files
     * that {@link AveragingRounds} plans, one partition per slice.
     */
    private ComputationGraph fitAveraging(ComputationGraph network, List<MinibatchExport.Minibatch> minibatches,
                                          int epoch, CountingMinibatchLoader loader) {
        TrainSettings train = config.train();
        int workers = sc.defaultParallelism();
        SparkComputationGraph averaging = new SparkComputationGraph(sc, network,
                TrainingMasters.averaging(train, config.seed(), epoch, workers));
        for (List<List<String>> round : AveragingRounds.plan(minibatches, workers, train.averagingFrequency(),
                train.batchSize())) {
            // DL4J keeps this partitioning (Repartition.Never).
            network = averaging.fitPaths(trainingTasks(sc.parallelize(round, round.size())
                    .flatMap(List::iterator)), loader);
        }
        return network;
    }

    /** What every training task does before DL4J's worker: bind its GPU, and the test faults (idle, stalled). */
    private static JavaRDD<String> trainingTasks(JavaRDD<String> paths) {
        return paths.mapPartitions(GpuBinding.<String>beforeTask()).mapPartitions(new IdleExecutorFault())
                .mapPartitions(new StalledTaskFault());
    }

    /**
     * Examples per second over every epoch the run trained, also those of the processes before a --resume (their
     * rates come back with the checkpoint's history): epochs / Σ 1 / rate, which is all examples over all seconds.
     */
    private static double throughput(List<Metric> history) {
        double[] rates = history.stream().filter(m -> m.metric().equals("train_examples_per_s") && m.epoch() != null)
                .mapToDouble(Metric::value).toArray();
        double inverse = 0;
        for (double rate : rates) {
            inverse += 1 / rate;
        }
        return rates.length > 0 ? rates.length / inverse : Double.NaN;
    }

    private static boolean changed(INDArray before, INDArray after) {
        return after.sub(before).norm1Number().doubleValue() != 0;
    }

    private static boolean hasBatchNorm(ComputationGraph network) {
        return java.util.Arrays.stream(network.getLayers())
                .anyMatch(l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization);
    }

    /** Stops a diverged run: a non-finite loss or parameter makes every later epoch meaningless. */
    static void requireFinite(ComputationGraph network, int epoch) {
        double score = network.score();
        String what = Double.isFinite(score) ? null : "the loss became " + score;
        if (what == null) {
            for (var entry : network.paramTable().entrySet()) {
                double sum = entry.getValue().sumNumber().doubleValue();
                if (!Double.isFinite(sum)) {
                    what = "parameter " + entry.getKey() + " became " + sum;
                    break;
                }
            }
        }
        if (what != null) {
            throw new TrainingDivergedException("training diverged at epoch " + epoch + ", step "
                    + network.getIterationCount() + ": " + what
                    + "; lower train.learning-rate or check the input data");
        }
    }
}
