package org.latentspark.common.metrics.neural;

import org.apache.commons.math3.special.Gamma;

/**
 * Bits per spike, the likelihood metric of the Neural Latents Benchmark (Pei et al., "Neural Latents
 * Benchmark '21", NeurIPS Datasets and Benchmarks 2021), computed as nlb_tools'
 * {@code evaluation.bits_per_spike} and {@code neg_log_likelihood} do:
 * <pre>
 *   NLL(r, n) = sum over trials, bins, neurons of  r - n log r + log n!
 *   bps       = (NLL(null, n) - NLL(rates, n)) / (sum of n) / ln 2
 * </pre>
 * where the null model predicts, for each neuron, its mean count per bin over all trials and bins of
 * the evaluated spikes themselves, and the sums pool all neurons. co-bps is this on the held-out
 * neurons of the test trials in the observed window; fp-bps on all neurons (held-in then held-out,
 * see {@link TrialArrays#concatNeurons}) in the forward-prediction window.
 *
 * <p>Rates are per bin. As in nlb_tools a rate of exactly 0 is replaced by 1e-9 (so a null rate of a
 * neuron that never fires costs nothing), a negative rate is an error, and positive rates below 1e-9
 * are used as they are. nlb_tools drops NaN spike counts (bins outside a trial); spike counts here
 * are integers and every bin counts.
 */
public final class BitsPerSpike {
    /** nlb_tools' replacement for a zero rate. */
    public static final double ZERO_RATE = 1e-9;

    private BitsPerSpike() {
    }

    /** bps of {@code rates} on {@code spikes}, both {@code [trial][bin][neuron]}. */
    public static double bitsPerSpike(double[][][] rates, int[][][] spikes) {
        int[] s = TrialArrays.counts("spikes", spikes);
        TrialArrays.sameShape("rates", TrialArrays.shape("rates", rates), "spikes", s);
        double[] nullRates = new double[s[2]];
        long total = 0;
        for (int[][] trial : spikes) {
            for (int[] bin : trial) {
                for (int n = 0; n < s[2]; n++) {
                    nullRates[n] += bin[n];
                    total += bin[n];
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("spikes has no spikes: bits per spike is undefined");
        }
        double bins = (double) s[0] * s[1];
        for (int n = 0; n < s[2]; n++) {
            nullRates[n] /= bins;
        }
        double nullNll = 0.0;
        for (int[][] trial : spikes) {
            for (int[] bin : trial) {
                for (int n = 0; n < s[2]; n++) {
                    nullNll += term(nullRates[n], bin[n]);
                }
            }
        }
        return (nullNll - negLogLikelihood(rates, spikes)) / total / Math.log(2.0);
    }

    /** The Poisson negative log-likelihood of {@code spikes} under {@code rates}, summed over all entries. */
    public static double negLogLikelihood(double[][][] rates, int[][][] spikes) {
        int[] s = TrialArrays.counts("spikes", spikes);
        TrialArrays.sameShape("rates", TrialArrays.shape("rates", rates), "spikes", s);
        double nll = 0.0;
        for (int t = 0; t < s[0]; t++) {
            for (int k = 0; k < s[1]; k++) {
                for (int n = 0; n < s[2]; n++) {
                    double r = rates[t][k][n];
                    if (r < 0.0) {
                        throw new IllegalArgumentException("rates trial " + t + " bin " + k + " neuron " + n
                                + " is " + r + ", expected a rate >= 0");
                    }
                    nll += term(r, spikes[t][k][n]);
                }
            }
        }
        return nll;
    }

    private static double term(double rate, int count) {
        double r = rate == 0.0 ? ZERO_RATE : rate;
        return r - count * Math.log(r) + Gamma.logGamma(count + 1.0);
    }
}
