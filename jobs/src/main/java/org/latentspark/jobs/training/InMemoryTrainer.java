package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one network in this JVM on examples it holds, epoch after epoch over freshly shuffled minibatches: what
 * each candidate of a search does in its task. The schedule is {@link VaeTrainer}'s: the KL warm-up, train.plateau's
 * decay and early stop, the best validation epoch kept (train.keep), and a stop with the epoch and step where the
 * loss or a parameter stops being finite.
 */
public final class InMemoryTrainer {
    private InMemoryTrainer() {
    }

    /**
     * @param network         holds the kept epoch's parameters
     * @param history         per-epoch validation neg_elbo, reconstruction and kl (epoch 0: before training)
     * @param keptEpoch       the epoch whose parameters the network holds
     * @param bestScore       its validation neg_elbo
     * @param examplesTrained examples fitted over all epochs
     * @param stoppedEarly    why training stopped before train.epochs, or null
     */
    public record Result(ComputationGraph network, List<Metric> history, int epochsTrained, int keptEpoch,
                         double bestScore, long examplesTrained, String stoppedEarly) {
    }

    /**
     * @param config    resolved for the dataset (see Modality.resolveTraining)
     * @param hooks  the model's selection score (train.keep = selection) and what it changes between epochs
     */
    public static Result train(ComputationGraph network, RunConfig config, BatchEncoder encoder, List<Row> train,
                               List<Row> validation, EpochHooks hooks) {
        TrainSettings settings = config.train();
        if (!settings.resolved()) {
            throw new IllegalStateException("train.epochs, batch-size or learning-rate is still auto");
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("training needs train and validation examples, got " + train.size()
                    + " and " + validation.size());
        }
        String model = config.model().name();
        EpochMonitor monitor = new EpochMonitor(Map.of(Splits.VALIDATION, validation.subList(0,
                Math.min(validation.size(), settings.monitorExamples()))), encoder, model);
        KeptEpoch kept = new KeptEpoch(settings.keep(), hooks, model, null);
        List<Metric> history = new ArrayList<>(monitor.score(network, 0));
        history.addAll(kept.score(network, 0));
        PlateauSchedule plateau = new PlateauSchedule(settings.plateau(), settings.learningRate());
        List<Row> order = new ArrayList<>(train);
        INDArray start = network.params().dup();
        long examples = 0;
        double lastScore = Double.NaN;
        String stoppedEarly = null;
        int epoch = 0;
        while (epoch < settings.epochs() && stoppedEarly == null) {
            hooks.beforeEpoch(network, epoch);
            Collections.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
            double klWeight = config.model().klWeight(epoch);
            for (int from = 0; from < order.size(); from += settings.batchSize()) {
                List<Row> rows = order.subList(from, Math.min(order.size(), from + settings.batchSize()));
                network.fit(encoder.encode(rows, epoch, klWeight));
                examples += rows.size();
            }
            VaeTrainer.requireFinite(network, epoch + 1);
            List<Metric> scores = monitor.score(network, epoch + 1);
            history.addAll(scores);
            history.addAll(kept.score(network, epoch + 1));
            double score = scores.get(0).value();
            lastScore = score;
            boolean warmedUp = config.model().klWarmedUp(epoch);
            epoch++;
            if (warmedUp) {
                PlateauSchedule.Decision next = plateau.observe(score);
                if (next.decayed()) {
                    network.setLearningRate(next.learningRate());
                }
                stoppedEarly = next.stop();
            }
            kept.offer(network, epoch, score, warmedUp);
        }
        Checkpoints.Best best = kept.best();
        // Without a kept epoch (train.keep = last, or a warm-up as long as training), the last one's score.
        int keptEpoch = best == null ? epoch : best.epoch();
        double bestScore = best == null ? lastScore : kept.bestNegElbo();
        if (keptEpoch != epoch) {
            network.setParams(best.params());
        }
        if (network.params().equals(start)) {
            throw new TrainingIncompleteException("training changed no parameter in " + epoch + " epochs of "
                    + train.size() + " examples");
        }
        return new Result(network, history, epoch, keptEpoch, bestScore, examples, stoppedEarly);
    }
}
