package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.likelihood.Likelihoods;

/** The model section: architecture, latent size, likelihood and the KL schedule. */
public record ModelSettings(String name, int latentDim, List<Integer> hidden, List<Integer> convChannels,
                            String likelihood, double gaussianSigma, double beta, int klWarmupEpochs)
        implements Serializable {

    static ModelSettings from(Settings s) {
        return new ModelSettings(s.choice("model.name", ImageVaeGraph.MODELS),
                s.intAtLeast("model.latent-dim", 1), s.positiveInts("model.hidden"),
                s.positiveInts("model.conv-channels"), s.choice("model.likelihood", Likelihoods.NAMES),
                s.positive("model.gaussian-sigma"), s.nonNegative("model.beta"),
                s.intAtLeast("model.kl-warmup-epochs", 0));
    }

    /** The KL weight in a given epoch (0-based): β, ramped linearly over the warm-up epochs. */
    public double klWeight(int epoch) {
        if (klWarmupEpochs == 0) {
            return beta;
        }
        return beta * Math.min(1.0, (epoch + 1.0) / klWarmupEpochs);
    }
}
