package org.latentspark.jobs.training;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;

/**
 * Which epoch's parameters a training run ends with (train.keep): the last one; the one with the lowest validation
 * neg_elbo (best); or the one with the model's highest validation score (selection: npmi for topic models, as
 * topic-model practice keeps the most coherent epoch; co_bps for LFADS). Epochs of the KL warm-up are never kept:
 * their scores belong to a KL weight the run has not reached yet.
 */
final class KeptEpoch {
    private final String rule;
    private final EpochHooks hooks;
    private final String model;
    private Checkpoints.Best best;
    private double bestNegElbo = Double.NaN;
    private SelectionScore latest;

    /**
     * @param hooks   the model's validation score of a network, empty where the model has none
     * @param resumed the best epoch a resumed run had kept so far, or null; ignored where kept by another rule
     */
    KeptEpoch(String rule, EpochHooks hooks, String model, Checkpoints.Best resumed) {
        if (TrainSettings.AUTO.equals(rule)) {
            throw new IllegalStateException("train.keep is still auto: resolve the configuration for the dataset "
                    + "first (Modality.resolveTraining)");
        }
        this.rule = rule;
        this.hooks = hooks;
        this.model = model;
        boolean byNegElbo = resumed != null && Checkpoints.Best.NEG_ELBO.equals(resumed.metric());
        if (resumed != null && (TrainSettings.KEEP_BEST.equals(rule) ? byNegElbo
                : TrainSettings.KEEP_SELECTION.equals(rule) && !byNegElbo)) {
            best = resumed;
        }
    }

    /**
     * The selection score's row for an epoch (0: before training) when the run keeps by it, none otherwise.
     *
     * @throws UserInputException when the run keeps by a selection score that the model does not have
     */
    List<Metric> score(ComputationGraph network, int epoch) {
        if (!TrainSettings.KEEP_SELECTION.equals(rule)) {
            return List.of();
        }
        latest = hooks.selectionScore(network).orElseThrow(() -> new UserInputException(
                "configuration key train.keep = " + TrainSettings.KEEP_SELECTION + ": model " + model
                        + " has no validation score to select epochs by (prodlda: npmi; lfads: co_bps, which needs "
                        + "held-out units); use " + TrainSettings.KEEP_BEST + " or " + TrainSettings.KEEP_LAST));
        return List.of(new Metric(model, Splits.VALIDATION, latest.metric(), null, epoch, latest.value()));
    }

    /**
     * Offers an epoch after {@link #score}: true when it becomes the kept one, whose parameters {@link #best} then
     * holds.
     */
    boolean offer(ComputationGraph network, int epoch, double negElbo, boolean warmedUp) {
        if (TrainSettings.KEEP_LAST.equals(rule) || !warmedUp) {
            return false;
        }
        boolean bySelection = TrainSettings.KEEP_SELECTION.equals(rule);
        String metric = bySelection ? latest.metric() : Checkpoints.Best.NEG_ELBO;
        double value = bySelection ? latest.value() : negElbo;
        if (!Double.isFinite(value) || (best != null && !best.beatenBy(value))) {
            return false;
        }
        best = new Checkpoints.Best(network.params().dup(), epoch, metric, value);
        bestNegElbo = negElbo;
        return true;
    }

    /** The kept epoch so far, or null (train.keep = last, or no epoch past the warm-up yet). */
    Checkpoints.Best best() {
        return best;
    }

    /** The kept epoch's validation neg_elbo; NaN when none was offered in this process. */
    double bestNegElbo() {
        return bestNegElbo;
    }

    /** The log's account of a kept epoch. */
    String describe() {
        return String.format("keeping epoch %d (validation %s %.4f; train.keep = %s)", best.epoch(), best.metric(),
                best.value(), rule);
    }
}
