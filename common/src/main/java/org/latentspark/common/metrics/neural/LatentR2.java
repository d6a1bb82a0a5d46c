package org.latentspark.common.metrics.neural;

import java.util.Arrays;

import org.latentspark.common.metrics.LinearProbe;

/**
 * Latent R² ({@code latent_r2}) on simulated data with known latents: how much of the true latent
 * state a linear read-out of the model's inferred factors recovers. For each true latent dimension a
 * {@link LinearProbe} (least squares with intercept) from factors to that dimension is fitted on the
 * training trials' (trial, bin) rows and scored by R² on the test trials' rows; the metric is the
 * plain mean over latent dimensions.
 *
 * <p>This mirrors how nlb_tools scores behaviour decoding ({@code evaluation.fit_and_eval_decoder}: a
 * linear map fitted on train rows, sklearn's {@code score}, i.e. R² averaged uniformly over output
 * columns), with the factors as inputs and the true latents as outputs. nlb fits a ridge with a
 * cross-validated penalty (1e-4 to 1); the probe uses a vanishing ridge instead (see
 * {@link LinearProbe}), as it only has to map a few factors. The uniform mean, not a variance-weighted
 * pooled R², keeps a low-variance latent from being ignored.
 */
public final class LatentR2 {
    private LatentR2() {
    }

    /**
     * R² per true latent dimension. Factors are {@code [trial][bin][factor]}, latents
     * {@code [trial][bin][latent]}, with the same trials and bins within each split.
     */
    public static double[] perDimension(double[][][] trainFactors, double[][][] trainLatents,
            double[][][] testFactors, double[][][] testLatents) {
        int[] sTrainF = TrialArrays.shape("trainFactors", trainFactors);
        int[] sTrainL = TrialArrays.shape("trainLatents", trainLatents);
        int[] sTestF = TrialArrays.shape("testFactors", testFactors);
        int[] sTestL = TrialArrays.shape("testLatents", testLatents);
        TrialArrays.sameTrialsAndBins("trainFactors", sTrainF, "trainLatents", sTrainL);
        TrialArrays.sameTrialsAndBins("testFactors", sTestF, "testLatents", sTestL);
        if (sTrainF[2] != sTestF[2] || sTrainL[2] != sTestL[2]) {
            throw new IllegalArgumentException("train has " + sTrainF[2] + " factors and " + sTrainL[2]
                    + " latents per bin but test has " + sTestF[2] + " and " + sTestL[2]);
        }
        double[][] xTrain = TrialArrays.rows(trainFactors);
        double[][] xTest = TrialArrays.rows(testFactors);
        double[][] yTrain = TrialArrays.rows(trainLatents);
        double[][] yTest = TrialArrays.rows(testLatents);
        double[] r2 = new double[sTrainL[2]];
        for (int j = 0; j < r2.length; j++) {
            double[] test = column(yTest, j);
            if (Arrays.stream(test).allMatch(v -> v == test[0])) {
                throw new IllegalArgumentException("testLatents dimension " + j
                        + " has the same value in every test bin: R² is undefined");
            }
            r2[j] = LinearProbe.fit(xTrain, column(yTrain, j)).r2(xTest, test);
        }
        return r2;
    }

    /** The mean of {@link #perDimension} over the true latent dimensions. */
    public static double mean(double[][][] trainFactors, double[][][] trainLatents,
            double[][][] testFactors, double[][][] testLatents) {
        double sum = 0.0;
        double[] r2 = perDimension(trainFactors, trainLatents, testFactors, testLatents);
        for (double v : r2) {
            sum += v;
        }
        return sum / r2.length;
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }
}
