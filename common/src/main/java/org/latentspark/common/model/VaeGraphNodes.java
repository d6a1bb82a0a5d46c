package org.latentspark.common.model;

/**
 * The node names every VAE graph here shares (image VAE, LFADS, ProdLDA), which inference, the loss and the
 * batch encoders address: two inputs, the posterior's statistics, the decoder's output and the ELBO loss.
 */
public final class VaeGraphNodes {
    public static final String INPUT_X = "x";
    public static final String INPUT_EPS = "eps";
    public static final String STATS = "stats";
    public static final String DECODED = "decoded";
    /** The loss layer's input, [decoder output, μ, log σ²]: what inference reads. */
    public static final String DECODED_STATS = "decoded_stats";
    public static final String LOSS = "elbo";

    private VaeGraphNodes() {
    }
}
