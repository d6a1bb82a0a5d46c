package org.latentspark.jobs.training;

import org.latentspark.common.config.TrainSettings;

/**
 * The learning rate on validation plateaus, and early stopping (train.plateau), as LFADS trains: after each epoch
 * the validation score either sets a new best or counts towards a plateau; a plateau of lr-patience epochs lowers
 * the rate by lr-factor, one of stop-patience epochs ends training. A pure function of the epochs' scores, so that
 * a resumed run replays its checkpoint's history and goes on where the killed one was.
 */
final class PlateauSchedule {
    /** A relative improvement smaller than this is no new best (the default of PyTorch's ReduceLROnPlateau). */
    static final double MIN_IMPROVEMENT = 1e-4;
    private final TrainSettings.Plateau settings;
    private final double baseRate;
    private double best = Double.POSITIVE_INFINITY;
    private int sinceBest;
    private int sinceChange;
    private int decays;

    /**
     * What follows an epoch.
     *
     * @param learningRate the rate of the next epoch
     * @param decayed      whether that rate is lower than this epoch's
     * @param stop         why training stops here, or null
     */
    record Decision(double learningRate, boolean decayed, String stop) {
    }

    /** @param baseRate the learning rate training starts with (per worker) */
    PlateauSchedule(TrainSettings.Plateau settings, double baseRate) {
        this.settings = settings;
        this.baseRate = baseRate;
    }

    /** Takes an epoch's validation score (lower is better; not finite counts as no improvement). */
    Decision observe(double score) {
        if (Double.isInfinite(best) ? Double.isFinite(score) : score < best - MIN_IMPROVEMENT * Math.abs(best)) {
            best = score;
            sinceBest = 0;
            sinceChange = 0;
            return new Decision(learningRate(), false, null);
        }
        sinceBest++;
        sinceChange++;
        if (settings.stopPatience() > 0 && sinceBest >= settings.stopPatience()) {
            return new Decision(learningRate(), false, String.format("no new best validation score in %d epochs "
                    + "(train.plateau.stop-patience)", sinceBest));
        }
        if (settings.lrPatience() == 0 || sinceChange < settings.lrPatience()) {
            return new Decision(learningRate(), false, null);
        }
        double lower = learningRate() * settings.lrFactor();
        if (lower < settings.minLearningRate()) {
            return new Decision(learningRate(), false, String.format("the learning rate would fall to %.3g, below "
                    + "train.plateau.min-learning-rate %.3g", lower, settings.minLearningRate()));
        }
        decays++;
        sinceChange = 0;
        return new Decision(learningRate(), true, null);
    }

    double learningRate() {
        return baseRate * Math.pow(settings.lrFactor(), decays);
    }
}
