package org.latentspark.common.metrics.neural;

/**
 * Rate correlation ({@code rate_corr}) on simulated data with known firing rates: for each neuron,
 * Pearson's r between inferred and true rates over all (trial, bin) pairs of the test trials, then
 * the mean over neurons. nlb_tools has no such metric (real data have no true rates); comparing
 * inferred with true rates is the usual check on synthetic data (e.g. Sussillo et al., "LFADS -
 * Latent Factor Analysis via Dynamical Systems", arXiv:1608.06315, 2016).
 *
 * <p>Why per neuron rather than one r pooled over all entries: neurons differ widely in mean rate,
 * and a pooled r rewards getting those means right, so a model that predicts each neuron's constant
 * mean rate would already score high. Per neuron, only the tracking of each neuron's variation over
 * time and trials counts, and every neuron weighs the same.
 *
 * <p>A neuron whose true rate is constant over the test data has no defined r and is left out; if
 * its inferred rate is constant while the true one varies, its r is taken as 0 (the inference carries
 * no information about it).
 */
public final class RateCorrelation {
    private RateCorrelation() {
    }

    /** The mean over neurons of per-neuron Pearson r, both arrays {@code [trial][bin][neuron]}. */
    public static double meanPerNeuron(double[][][] inferredRates, double[][][] trueRates) {
        int[] s = TrialArrays.shape("trueRates", trueRates);
        TrialArrays.sameShape("inferredRates", TrialArrays.shape("inferredRates", inferredRates), "trueRates", s);
        double[][] x = TrialArrays.rows(inferredRates);
        double[][] y = TrialArrays.rows(trueRates);
        double sum = 0.0;
        int scored = 0;
        for (int n = 0; n < s[2]; n++) {
            double mx = 0.0;
            double my = 0.0;
            for (int i = 0; i < x.length; i++) {
                mx += x[i][n];
                my += y[i][n];
            }
            mx /= x.length;
            my /= y.length;
            double sxy = 0.0;
            double sxx = 0.0;
            double syy = 0.0;
            for (int i = 0; i < x.length; i++) {
                double cx = x[i][n] - mx;
                double cy = y[i][n] - my;
                sxy += cx * cy;
                sxx += cx * cx;
                syy += cy * cy;
            }
            if (syy == 0.0) {
                continue;
            }
            scored++;
            if (sxx > 0.0) {
                sum += sxy / Math.sqrt(sxx * syy);
            }
        }
        if (scored == 0) {
            throw new IllegalArgumentException("trueRates is constant over the trials and bins for every neuron:"
                    + " rate correlation is undefined");
        }
        return sum / scored;
    }
}
