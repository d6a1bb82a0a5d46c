package org.latentspark.common.metrics.neural;

/**
 * The spike-smoothing baseline of the Neural Latents Benchmark (Pei et al. 2021), as nlb_tools'
 * {@code examples/baselines/smoothing/run_smoothing.py} builds it:
 * <ol>
 *   <li>smooth each trial's held-in spike counts with a Gaussian kernel ({@link GaussianSmoother});</li>
 *   <li>take log(smoothed + 1e-4) as the features of each (trial, bin);</li>
 *   <li>fit one Poisson regression per held-out neuron ({@link PoissonRegression}, sklearn's
 *       {@code PoissonRegressor(alpha)} objective) from those features to its spike counts, on the
 *       training trials only;</li>
 *   <li>predict held-out rates as the regressions' means, clipped to [1e-9, 1e20].</li>
 * </ol>
 * Its held-in rates are the smoothed held-in counts themselves (not passed through a regression).
 * nlb's tuned settings are kernel sd 30 to 60 ms and alpha 0.001 to 0.1 depending on the dataset
 * (their {@code default_dict}; mc_maze: 50 ms, 0.01).
 *
 * <p>Checked once against nlb's script run with scipy 1.10 and sklearn 1.2.1 on simulated trials
 * (40 train, 25 test, 60 bins, 12 held-in and 4 held-out neurons, sd 4 bins, alpha 0.01): weights,
 * rates and co-bps agreed to about 1e-8, the tolerance of sklearn's L-BFGS.
 *
 * <p>The baseline makes no forward predictions: it writes no {@code *_forward} rates, so nlb reports
 * no fp-bps for it, and neither does this class.
 */
public final class SmoothingBaseline {
    /** Added to smoothed counts before the log, as in nlb's script, to keep log(0) finite. */
    public static final double LOG_OFFSET = 1e-4;
    /** The clip range of nlb's {@code fit_poisson}. */
    public static final double MIN_RATE = 1e-9;
    public static final double MAX_RATE = 1e20;

    private final GaussianSmoother smoother;
    private final double alpha;
    private final PoissonRegression[] regressions;

    private SmoothingBaseline(GaussianSmoother smoother, double alpha, PoissonRegression[] regressions) {
        this.smoother = smoother;
        this.alpha = alpha;
        this.regressions = regressions;
    }

    /**
     * Fits the baseline on the training trials' held-in and held-out counts ({@code [trial][bin][neuron]},
     * same trials and bins), with kernel sd {@code kernelSdBins} (in bins: kernel ms / bin ms) and L2
     * strength {@code alpha}.
     */
    public static SmoothingBaseline fit(int[][][] heldIn, int[][][] heldOut, double kernelSdBins, double alpha) {
        int[] sIn = TrialArrays.counts("heldIn", heldIn);
        int[] sOut = TrialArrays.counts("heldOut", heldOut);
        TrialArrays.sameTrialsAndBins("heldIn", sIn, "heldOut", sOut);
        GaussianSmoother smoother = new GaussianSmoother(kernelSdBins);
        double[][] features = logRates(smoother, heldIn);
        PoissonRegression[] regressions = new PoissonRegression[sOut[2]];
        double[] y = new double[features.length];
        for (int n = 0; n < sOut[2]; n++) {
            for (int t = 0; t < sOut[0]; t++) {
                for (int k = 0; k < sOut[1]; k++) {
                    y[t * sOut[1] + k] = heldOut[t][k][n];
                }
            }
            regressions[n] = PoissonRegression.fit(features, y, alpha);
        }
        return new SmoothingBaseline(smoother, alpha, regressions);
    }

    /** Held-out rates per bin for trials with the given held-in counts, {@code [trial][bin][held-out neuron]}. */
    public double[][][] heldOutRates(int[][][] heldIn) {
        int[] s = TrialArrays.counts("heldIn", heldIn);
        int fitted = regressions[0].weights().length;
        if (s[2] != fitted) {
            throw new IllegalArgumentException("heldIn has " + s[2] + " neurons but the baseline was fitted on "
                    + fitted + " held-in neurons");
        }
        double[][] features = logRates(smoother, heldIn);
        double[][][] rates = new double[s[0]][s[1]][regressions.length];
        for (int t = 0; t < s[0]; t++) {
            for (int k = 0; k < s[1]; k++) {
                double[] row = features[t * s[1] + k];
                for (int n = 0; n < regressions.length; n++) {
                    double r = regressions[n].predict(row);
                    rates[t][k][n] = Math.min(MAX_RATE, Math.max(MIN_RATE, r));
                }
            }
        }
        return rates;
    }

    /** Held-in rates per bin: the smoothed held-in counts, as nlb's baseline submits them. */
    public double[][][] heldInRates(int[][][] heldIn) {
        return smoother.smooth(heldIn);
    }

    public double kernelSdBins() {
        return smoother.sdBins();
    }

    public double alpha() {
        return alpha;
    }

    /** The fitted regression of held-out neuron {@code n}, on log(smoothed held-in + 1e-4). */
    public PoissonRegression regression(int n) {
        return regressions[n];
    }

    private static double[][] logRates(GaussianSmoother smoother, int[][][] heldIn) {
        double[][] rows = TrialArrays.rows(smoother.smooth(heldIn));
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.log(row[j] + LOG_OFFSET);
            }
        }
        return rows;
    }
}
