package org.latentspark.common.metrics.neural;

import java.util.Map;
import java.util.TreeMap;

/**
 * PSTH R², the match of a model's peri-stimulus time histograms to the data's, from the Neural
 * Latents Benchmark (Pei et al. 2021), computed as nlb_tools' {@code evaluation.eval_psth}: the
 * predicted PSTH of a condition is the mean of the model's rates over the test trials of that
 * condition; the true PSTHs of all conditions (that have test trials) are stacked into one
 * (conditions x bins) x neurons matrix, the predicted ones likewise, and the score is sklearn's
 * {@code r2_score} of the two: R² = 1 - SS_res / SS_tot per neuron (column), SS_tot about that
 * column's mean over all stacked rows, then averaged over neurons. A neuron whose true PSTH is
 * constant scores 1 if matched exactly and 0 otherwise, as sklearn does. nlb scores all neurons,
 * held-in then held-out ({@link TrialArrays#concatNeurons}).
 *
 * <p>Condition labels are any integers; the trials of one label form one condition. Trials here all
 * have the same bins, so nlb's handling of trials of unequal length (NaN-padded PSTHs, per-trial
 * jitter for dmfc_rsg) does not arise.
 */
public final class PsthR2 {
    private PsthR2() {
    }

    /**
     * PSTH R² against PSTHs from spikes, as nlb_tools' {@code make_tensors._make_psth} builds them: the
     * counts of {@code psthSpikes} (nlb uses every train and test trial of a condition) smoothed with
     * a Gaussian of {@code kernelSdBins} ({@link GaussianSmoother}; nlb: 70 ms for mc_maze, 50 ms for
     * its scaling sets, 40 ms for area2_bump), then averaged per condition.
     *
     * <p>Unlike nlb, which smooths the whole 1 ms recording before cutting trials and rebinning, this
     * smooths each trial at the bin width, so bins within about 3 kernel sd of a trial's edge are
     * attenuated (see {@link GaussianSmoother}).
     *
     * @param rates          model rates on the test trials, {@code [trial][bin][neuron]}
     * @param rateConditions the condition of each test trial
     */
    public static double fromSpikes(int[][][] psthSpikes, int[] psthConditions, double kernelSdBins,
            double[][][] rates, int[] rateConditions) {
        double[][][] smoothed = new GaussianSmoother(kernelSdBins).smooth(psthSpikes);
        return score(smoothed, psthConditions, "psthSpikes", rates, rateConditions);
    }

    /**
     * PSTH R² against PSTHs from known rates (simulated data): the true PSTH of a condition is the mean
     * of {@code trueRates} over its test trials.
     */
    public static double fromTrueRates(double[][][] trueRates, double[][][] rates, int[] conditions) {
        return score(trueRates, conditions, "trueRates", rates, conditions);
    }

    /**
     * nlb's {@code r2_score} of stacked PSTHs: {@code truePsth} and {@code predictedPsth} are
     * {@code [condition][bin][neuron]} of the same shape.
     */
    public static double r2(double[][][] truePsth, double[][][] predictedPsth) {
        int[] s = TrialArrays.shape("truePsth", truePsth);
        TrialArrays.sameShape("predictedPsth", TrialArrays.shape("predictedPsth", predictedPsth), "truePsth", s);
        double[][] truth = TrialArrays.rows(truePsth);
        double[][] predicted = TrialArrays.rows(predictedPsth);
        double sum = 0.0;
        for (int n = 0; n < s[2]; n++) {
            double mean = 0.0;
            for (double[] row : truth) {
                mean += row[n];
            }
            mean /= truth.length;
            double ssRes = 0.0;
            double ssTot = 0.0;
            for (int i = 0; i < truth.length; i++) {
                double r = truth[i][n] - predicted[i][n];
                double c = truth[i][n] - mean;
                ssRes += r * r;
                ssTot += c * c;
            }
            if (ssTot != 0.0) {
                sum += 1.0 - ssRes / ssTot;
            } else if (ssRes == 0.0) {
                sum += 1.0;
            }
        }
        return sum / s[2];
    }

    private static double score(double[][][] truthTrials, int[] truthConditions, String truthName,
            double[][][] rates, int[] rateConditions) {
        int[] sTruth = TrialArrays.shape(truthName, truthTrials);
        int[] sRates = TrialArrays.shape("rates", rates);
        if (sTruth[1] != sRates[1] || sTruth[2] != sRates[2]) {
            throw new IllegalArgumentException(truthName + " has " + sTruth[1] + " bins x " + sTruth[2]
                    + " neurons per trial but rates has " + sRates[1] + " x " + sRates[2]);
        }
        Map<Integer, double[][]> truth = conditionMeans(truthTrials, truthConditions, truthName);
        Map<Integer, double[][]> predicted = conditionMeans(rates, rateConditions, "rates");
        double[][][] truePsth = new double[predicted.size()][][];
        double[][][] predictedPsth = new double[predicted.size()][][];
        int c = 0;
        for (Map.Entry<Integer, double[][]> e : predicted.entrySet()) {
            truePsth[c] = truth.get(e.getKey());
            if (truePsth[c] == null) {
                throw new IllegalArgumentException("condition " + e.getKey() + " has test trials in rates but no"
                        + " trials in " + truthName);
            }
            predictedPsth[c++] = e.getValue();
        }
        return r2(truePsth, predictedPsth);
    }

    /** The mean over trials of each condition, by condition label in ascending order. */
    private static Map<Integer, double[][]> conditionMeans(double[][][] trials, int[] conditions, String name) {
        if (conditions == null || conditions.length != trials.length) {
            throw new IllegalArgumentException(name + " has " + trials.length + " trials but its conditions has "
                    + (conditions == null ? 0 : conditions.length) + " labels");
        }
        Map<Integer, double[][]> sums = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        int bins = trials[0].length;
        int neurons = trials[0][0].length;
        for (int t = 0; t < trials.length; t++) {
            double[][] sum = sums.computeIfAbsent(conditions[t], k -> new double[bins][neurons]);
            counts.merge(conditions[t], 1, Integer::sum);
            for (int k = 0; k < bins; k++) {
                for (int n = 0; n < neurons; n++) {
                    sum[k][n] += trials[t][k][n];
                }
            }
        }
        for (Map.Entry<Integer, double[][]> e : sums.entrySet()) {
            int count = counts.get(e.getKey());
            for (double[] bin : e.getValue()) {
                for (int n = 0; n < neurons; n++) {
                    bin[n] /= count;
                }
            }
        }
        return sums;
    }
}
