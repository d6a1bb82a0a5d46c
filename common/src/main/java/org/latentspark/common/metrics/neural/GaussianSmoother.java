package org.latentspark.common.metrics.neural;

/**
 * Gaussian smoothing of spike counts along time, one trial and neuron at a time, with the kernel and
 * edge handling of nlb_tools (Pei et al., Neural Latents Benchmark '21): {@code NWBDataset.smooth_spk}
 * and the smoothing baseline {@code examples/baselines/smoothing/run_smoothing.py} both build
 * <pre>
 *   M = int(6 * sd)                                 (sd in bins; int truncates)
 *   w[m] = exp(-((m - (M - 1) / 2) / sd)^2 / 2),    m = 0 .. M - 1  (scipy.signal.gaussian, sym=True)
 *   w /= sum(w)
 * </pre>
 * and convolve with mode {@code 'same'}: out[i] = sum_m w[m] x[i + (M - 1) / 2 - m] (integer
 * division), the signal taken as 0 outside the trial. So bins within 3 sd of a trial's edge lose the
 * kernel mass that falls outside it (nothing is renormalised or reflected; this is not
 * {@code scipy.ndimage.gaussian_filter1d}), and for even M the kernel is centred half a bin late.
 * The output has as many bins as the trial, as with {@code scipy.signal.convolve}; numpy's
 * {@code np.convolve}, used by the baseline script, agrees except on trials shorter than the window,
 * for which it returns the window's length.
 *
 * <p>The baseline script converts the kernel width to bins as {@code int(kern_sd / bin_ms)} for sd and
 * {@code int(6 * kern_sd / bin_ms)} for M; {@code smooth_spk} keeps sd fractional. With a whole number
 * of bins the two agree, as they do for all of nlb's defaults (30 to 60 ms at 5 ms bins).
 */
public final class GaussianSmoother {
    private final double sdBins;
    private final double[] window;

    /** A smoother with kernel standard deviation {@code sdBins}, in bins; at least 1/6 of a bin. */
    public GaussianSmoother(double sdBins) {
        if (!(sdBins > 0.0) || Double.isInfinite(sdBins) || (int) (6.0 * sdBins) < 1) {
            throw new IllegalArgumentException("kernel sd is " + sdBins
                    + " bins, expected a finite value of at least 1/6 bin (the window has int(6 sd) bins)");
        }
        this.sdBins = sdBins;
        int m = (int) (6.0 * sdBins);
        window = new double[m];
        double centre = (m - 1) / 2.0;
        double sum = 0.0;
        for (int i = 0; i < m; i++) {
            double z = (i - centre) / sdBins;
            window[i] = Math.exp(-0.5 * z * z);
            sum += window[i];
        }
        for (int i = 0; i < m; i++) {
            window[i] /= sum;
        }
    }

    public double sdBins() {
        return sdBins;
    }

    /** The normalised kernel w, of int(6 sd) weights summing to 1. */
    public double[] window() {
        return window.clone();
    }

    /** Smoothed counts, {@code [trial][bin][neuron]} like {@code spikes}. */
    public double[][][] smooth(int[][][] spikes) {
        int[] s = TrialArrays.counts("spikes", spikes);
        double[][][] out = new double[s[0]][s[1]][s[2]];
        double[] x = new double[s[1]];
        for (int t = 0; t < s[0]; t++) {
            for (int n = 0; n < s[2]; n++) {
                for (int k = 0; k < s[1]; k++) {
                    x[k] = spikes[t][k][n];
                }
                convolve(x, out[t], n);
            }
        }
        return out;
    }

    /** Smoothed values of any signal, {@code [trial][bin][channel]}. */
    public double[][][] smooth(double[][][] signal) {
        int[] s = TrialArrays.shape("signal", signal);
        double[][][] out = new double[s[0]][s[1]][s[2]];
        double[] x = new double[s[1]];
        for (int t = 0; t < s[0]; t++) {
            for (int n = 0; n < s[2]; n++) {
                for (int k = 0; k < s[1]; k++) {
                    x[k] = signal[t][k][n];
                }
                convolve(x, out[t], n);
            }
        }
        return out;
    }

    /** Writes the 'same' convolution of one trial's series {@code x} into column {@code n} of {@code out}. */
    private void convolve(double[] x, double[][] out, int n) {
        int shift = (window.length - 1) / 2;
        for (int i = 0; i < x.length; i++) {
            // m ranges over the weights whose source bin i + shift - m lies inside the trial.
            int from = Math.max(0, i + shift - (x.length - 1));
            int to = Math.min(window.length - 1, i + shift);
            double v = 0.0;
            for (int m = from; m <= to; m++) {
                v += window[m] * x[i + shift - m];
            }
            out[i][n] = v;
        }
    }
}
