package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;
import org.latentspark.common.UserInputException;

/** The train section: trainer, schedule, and each DL4J training master's main settings. */
public record TrainSettings(String trainer, int epochs, int batchSize, double learningRate, int threadsPerWorker,
                            int checkpointEvery, String keep,
                            int monitorExamples, int averagingFrequency, double sharingThreshold,
                            double sharingMaxSparsity, int workersPerNode, int sharingPort,
                            String controllerAddress, String networkMask, java.time.Duration stallTimeout,
                            Plateau plateau, Search search)
        implements Serializable {

    /**
     * train.search: {@code candidates} models with settings drawn around these, each trained in one task on the
     * whole training split, the best by the modality's validation score kept (0: no search; {@link #AUTO}: chosen
     * for the model and the data, {@code automatic} once chosen); a training split of more than
     * {@code maxExamples} is refused (each task holds it).
     */
    public record Search(int candidates, int maxExamples, boolean automatic) implements Serializable {
        /** train.search.candidates = auto, before the model and the data choose. */
        public static final int AUTO = -1;

        public boolean enabled() {
            return candidates > 0;
        }

        /** These settings with {@code modelDefault} candidates where they are auto. */
        public Search resolve(int modelDefault) {
            return candidates == AUTO ? new Search(modelDefault, maxExamples, true) : this;
        }
    }

    /**
     * What training does when the validation score stops improving (train.plateau): the learning rate falls by
     * {@code lrFactor} after {@code lrPatience} epochs without a new best (0: never), training stops after
     * {@code stopPatience} such epochs (0: never) or when the rate would fall below {@code minLearningRate}.
     */
    public record Plateau(int lrPatience, double lrFactor, double minLearningRate, int stopPatience)
            implements Serializable {
    }

    public static final String AVERAGING = "averaging";
    public static final String SHARING = "sharing";
    public static final List<String> TRAINERS = List.of(AVERAGING, SHARING);
    /**
     * train.keep: the epoch with the lowest validation neg_elbo, the last epoch, or the epoch with the model's
     * highest validation selection score (npmi, co_bps); auto leaves the choice to the model (Modality.keepDefault).
     */
    public static final String KEEP_BEST = "best";
    public static final String KEEP_LAST = "last";
    public static final String KEEP_SELECTION = "selection";

    /** The value of train.epochs, batch-size and learning-rate that leaves them to the model and the data. */
    public static final String AUTO = "auto";

    /**
     * What train.epochs, batch-size, learning-rate and model.kl-warmup-epochs are where they are auto: chosen for
     * a model and dataset.
     */
    public record Defaults(int epochs, int batchSize, double learningRate, int klWarmupEpochs)
            implements Serializable {
    }

    /**
     * Whether epochs, batch size and learning rate are all set (none is auto), as a trainer needs them. An auto
     * search is not {@link Search#enabled} until resolved.
     */
    public boolean resolved() {
        return epochs > 0 && batchSize > 0 && learningRate > 0;
    }

    /** These settings with each auto value replaced by the default's. */
    public TrainSettings resolve(Defaults d) {
        return new TrainSettings(trainer, epochs > 0 ? epochs : d.epochs(), batchSize > 0 ? batchSize : d.batchSize(),
                learningRate > 0 ? learningRate : d.learningRate(), threadsPerWorker, checkpointEvery, keep,
                monitorExamples, averagingFrequency, sharingThreshold, sharingMaxSparsity, workersPerNode, sharingPort,
                controllerAddress, networkMask, stallTimeout, plateau, search);
    }

    /** These settings with train.keep set to {@code modelDefault} where it is auto. */
    public TrainSettings resolveKeep(String modelDefault) {
        return new TrainSettings(trainer, epochs, batchSize, learningRate, threadsPerWorker, checkpointEvery,
                AUTO.equals(keep) ? modelDefault : keep, monitorExamples, averagingFrequency, sharingThreshold,
                sharingMaxSparsity, workersPerNode, sharingPort, controllerAddress, networkMask, stallTimeout, plateau,
                search);
    }

    /** Whether the training watchdog is on: a zero train.stall-timeout turns it off. */
    public boolean watchdog() {
        return !stallTimeout.isZero();
    }

    /** The same settings with another learning rate (gradient sharing's per-worker rate). */
    public TrainSettings withLearningRate(double rate) {
        return new TrainSettings(trainer, epochs, batchSize, rate, threadsPerWorker, checkpointEvery, keep,
                monitorExamples, averagingFrequency, sharingThreshold, sharingMaxSparsity, workersPerNode, sharingPort,
                controllerAddress, networkMask, stallTimeout, plateau, search);
    }

    /** The same settings with another search. */
    public TrainSettings withSearch(Search other) {
        return new TrainSettings(trainer, epochs, batchSize, learningRate, threadsPerWorker, checkpointEvery, keep,
                monitorExamples, averagingFrequency, sharingThreshold, sharingMaxSparsity, workersPerNode, sharingPort,
                controllerAddress, networkMask, stallTimeout, plateau, other);
    }

    /** The same settings with another trainer (the benchmark runs both). */
    public TrainSettings withTrainer(String other) {
        return new TrainSettings(other, epochs, batchSize, learningRate, threadsPerWorker, checkpointEvery, keep,
                monitorExamples, averagingFrequency, sharingThreshold, sharingMaxSparsity, workersPerNode, sharingPort,
                controllerAddress, networkMask, stallTimeout, plateau, search);
    }

    static TrainSettings from(Settings s) {
        int workersPerNode = (int) s.longValue("train.sharing.workers-per-node");
        if (workersPerNode == 0 || workersPerNode < -1) {
            throw new UserInputException(
                    "configuration key train.sharing.workers-per-node must be -1 or positive, got " + workersPerNode);
        }
        double maxSparsity = s.fraction("train.sharing.max-sparsity");
        if (maxSparsity == 0) {
            throw new UserInputException("configuration key train.sharing.max-sparsity must be in (0, 1), got 0");
        }
        return new TrainSettings(s.choice("train.trainer", TRAINERS), s.intAtLeastOrAuto("train.epochs", 1, 0),
                s.intAtLeastOrAuto("train.batch-size", 1, 0), s.positiveOrAuto("train.learning-rate"),
                s.intAtLeast("train.threads-per-worker", 0),
                s.intAtLeast("train.checkpoint-every", 1),
                s.choice("train.keep", List.of(AUTO, KEEP_BEST, KEEP_LAST, KEEP_SELECTION)),
                s.intAtLeast("train.monitor-examples", 1),
                s.intAtLeast("train.averaging.frequency", 1), s.positive("train.sharing.threshold"),
                maxSparsity, workersPerNode, s.intAtLeast("train.sharing.port", 1),
                s.string("train.sharing.controller-address"), s.string("train.sharing.network-mask"),
                s.duration("train.stall-timeout"), plateau(s),
                new Search(s.intAtLeastOrAuto("train.search.candidates", 0, Search.AUTO),
                        s.intAtLeast("train.search.max-examples", 1), false));
    }

    private static Plateau plateau(Settings s) {
        double factor = s.fraction("train.plateau.lr-factor");
        if (factor == 0) {
            throw new UserInputException("configuration key train.plateau.lr-factor must be in (0, 1), got 0");
        }
        return new Plateau(s.intAtLeast("train.plateau.lr-patience", 0), factor,
                s.nonNegative("train.plateau.min-learning-rate"), s.intAtLeast("train.plateau.stop-patience", 0));
    }
}
