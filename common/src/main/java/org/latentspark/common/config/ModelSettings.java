package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;
import org.latentspark.common.UserInputException;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.likelihood.Likelihoods;

/**
 * The model section: architecture, latent size, likelihood and the KL schedule. The model must suit the dataset's
 * modality; left empty it is the modality's own (vae, lfads or prodlda).
 */
public record ModelSettings(String name, int latentDim, List<Integer> hidden, List<Integer> convChannels,
                            String likelihood, double gaussianSigma, double beta, int klWarmupEpochs,
                            Lfads lfads, ProdLda prodlda)
        implements Serializable {

    public static final String LFADS = "lfads";
    /** klWarmupEpochs while model.kl-warmup-epochs is auto, until the dataset is known. */
    public static final int AUTO_WARMUP = -1;
    public static final String PRODLDA = "prodlda";

    /** The sequential VAE of spike trains: RNN sizes, factor count and dropout. */
    public record Lfads(int factors, int encoderSize, int generatorSize, double dropout) implements Serializable {
    }

    /** model.prodlda.input: the encoder takes log(1 + counts), or the raw counts as in the paper. */
    public static final String LOG_COUNTS = "log-counts";
    public static final String COUNTS = "counts";

    /**
     * The neural topic model: the Dirichlet prior's concentration, dropout, the encoder's input, whether the word
     * logits' batch norm is annealed away over training (as Scholar's is), and Adam's first-moment decay
     * ({@link #AUTO_ADAM_BETA1} until {@link #resolveAdamBeta1} chooses it for the way the model trains).
     */
    public record ProdLda(double priorAlpha, double dropout, String input, boolean annealBatchNorm,
                          double adamBeta1) implements Serializable {
        /** Share of the epochs over which the batch norm's weight falls from 1 to 0. */
        static final double ANNEAL_SHARE = 0.75;
        /** adamBeta1 while model.prodlda.adam-beta1 is auto. */
        public static final double AUTO_ADAM_BETA1 = -1;
        /** auto's Adam β1 for candidates of a search, each trained in one task's JVM. */
        public static final double SEARCH_ADAM_BETA1 = 0.9;
        /** auto's Adam β1 for one model under a Spark trainer: the ProdLDA paper's. */
        public static final double TRAINER_ADAM_BETA1 = 0.99;

        /**
         * The word logits' batch norm's weight in an epoch (0-based) of {@code epochs}: 1 without annealing; else
         * falling linearly from 1 in the first epoch to 0 after three quarters of them, then 0.
         */
        public double batchNormWeight(int epoch, int epochs) {
            return annealBatchNorm ? Math.max(0, 1 - epoch / (ANNEAL_SHARE * epochs)) : 1;
        }
    }

    /** Models of each modality, the first being the default. */
    public static List<String> modelsOf(String modality) {
        switch (modality) {
            case DatasetSettings.IMAGE:
                return ImageVaeGraph.MODELS;
            case DatasetSettings.NEURAL:
                return List.of(LFADS);
            case DatasetSettings.TEXT:
                return List.of(PRODLDA);
            default:
                throw new IllegalArgumentException("unknown modality " + modality);
        }
    }

    static ModelSettings from(Settings s, String modality) {
        List<String> models = modelsOf(modality);
        String name = s.string("model.name").isBlank() ? models.get(0) : s.string("model.name");
        if (!models.contains(name)) {
            throw new UserInputException("configuration key model.name: '" + name + "' does not model " + modality
                    + " data (dataset.format=" + s.string("dataset.format") + "); expected one of " + models);
        }
        return new ModelSettings(name,
                s.intAtLeast("model.latent-dim", 1), s.positiveInts("model.hidden"),
                s.positiveInts("model.conv-channels"), s.choice("model.likelihood", Likelihoods.NAMES),
                s.positive("model.gaussian-sigma"), s.nonNegative("model.beta"),
                s.intAtLeastOrAuto("model.kl-warmup-epochs", 0, AUTO_WARMUP),
                new Lfads(s.intAtLeast("model.lfads.factors", 1), s.intAtLeast("model.lfads.encoder-size", 1),
                        s.intAtLeast("model.lfads.generator-size", 1), s.fraction("model.lfads.dropout")),
                new ProdLda(s.positive("model.prodlda.prior-alpha"), s.fraction("model.prodlda.dropout"),
                        s.choice("model.prodlda.input", List.of(LOG_COUNTS, COUNTS)),
                        s.bool("model.prodlda.anneal-batch-norm"),
                        s.fractionOrAuto("model.prodlda.adam-beta1", ProdLda.AUTO_ADAM_BETA1)));
    }

    /**
     * These settings with an auto model.prodlda.adam-beta1 chosen for how the model trains: {@link
     * ProdLda#SEARCH_ADAM_BETA1} for a search's candidates, else {@link ProdLda#TRAINER_ADAM_BETA1}.
     */
    public ModelSettings resolveAdamBeta1(boolean search) {
        if (prodlda.adamBeta1() != ProdLda.AUTO_ADAM_BETA1) {
            return this;
        }
        return new ModelSettings(name, latentDim, hidden, convChannels, likelihood, gaussianSigma, beta,
                klWarmupEpochs, lfads, new ProdLda(prodlda.priorAlpha(), prodlda.dropout(), prodlda.input(),
                prodlda.annealBatchNorm(), search ? ProdLda.SEARCH_ADAM_BETA1 : ProdLda.TRAINER_ADAM_BETA1));
    }

    /** These settings with an auto KL warm-up replaced by {@code epochs}. */
    public ModelSettings resolveKlWarmup(int epochs) {
        return klWarmupEpochs != AUTO_WARMUP ? this : new ModelSettings(name, latentDim, hidden, convChannels,
                likelihood, gaussianSigma, beta, epochs, lfads, prodlda);
    }

    /** These settings with another KL weight β and warm-up (a search's candidate). */
    public ModelSettings withKl(double otherBeta, int warmupEpochs) {
        return new ModelSettings(name, latentDim, hidden, convChannels, likelihood, gaussianSigma, otherBeta,
                warmupEpochs, lfads, prodlda);
    }

    /** These settings with another lfads dropout (a search's candidate). */
    public ModelSettings withLfadsDropout(double dropout) {
        return new ModelSettings(name, latentDim, hidden, convChannels, likelihood, gaussianSigma, beta,
                klWarmupEpochs, new Lfads(lfads.factors(), lfads.encoderSize(), lfads.generatorSize(), dropout),
                prodlda);
    }

    /** Whether the KL weight has reached β in a given epoch (0-based): the warm-up is over. */
    public boolean klWarmedUp(int epoch) {
        return klWeight(epoch) >= beta;
    }

    /** The KL weight in a given epoch (0-based): β, ramped linearly over the warm-up epochs. */
    public double klWeight(int epoch) {
        if (klWarmupEpochs == AUTO_WARMUP) {
            throw new IllegalStateException("model.kl-warmup-epochs is still auto: resolve it for the dataset first");
        }
        if (klWarmupEpochs == 0) {
            return beta;
        }
        return beta * Math.min(1.0, (epoch + 1.0) / klWarmupEpochs);
    }
}
