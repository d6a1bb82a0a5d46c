package org.latentspark.common.model;

import java.io.Serializable;
import java.util.List;

/**
 * The shape of an image VAE: input geometry, encoder/decoder widths, latent size and likelihood.
 *
 * @param model         {@link ImageVaeGraph#MLP} or {@link ImageVaeGraph#CONV}
 * @param hidden        dense layer widths of the encoder (the decoder mirrors them)
 * @param convChannels  channels of the stride-2 convolutions (conv model only; the decoder mirrors them)
 */
public record VaeArchitecture(String model, int height, int width, int channels, int latentDim,
                              List<Integer> hidden, List<Integer> convChannels,
                              String likelihood, double gaussianSigma) implements Serializable {

    /** Observed features per example: height × width × channels. */
    public int features() {
        return height * width * channels;
    }
}
