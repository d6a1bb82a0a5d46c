package org.latentspark.common.metrics;

import java.util.Arrays;

/**
 * Mutual Information Gap (MIG), from Chen, Li, Grosse and Duvenaud, "Isolating Sources of
 * Disentanglement in Variational Autoencoders" (NeurIPS 2018): for each ground-truth factor v_k, the
 * gap between the two latent dimensions most informative about it, normalised by its entropy,
 * <pre>MIG = (1/K) Σ_k ( I(z_{j(k)}; v_k) - max_{j ≠ j(k)} I(z_j; v_k) ) / H(v_k)</pre>
 * where j(k) = argmax_j I(z_j; v_k). A factor captured by exactly one latent scores 1; a factor
 * spread over several latents, or over none, scores near 0.
 *
 * <p>Chen et al. estimate I(z_j; v_k) from the encoder's distribution q(z|x); here, as in the
 * discretised variant of Locatello et al., "Challenging Common Assumptions in the Unsupervised
 * Learning of Disentangled Representations" (ICML 2019), it is estimated from histograms of the
 * latent codes (typically the posterior means): each latent dimension is cut into {@code bins}
 * equal-width bins between its minimum and maximum (a constant dimension falls in one bin). A factor with at most {@code bins} distinct values is taken as
 * categorical, one category per value; one with more values is binned like a latent. Mutual
 * information and entropy are the plug-in values of the empirical distributions, in nats. A factor
 * with H(v_k) = 0 has no gap (NaN in {@link #perFactor}) and is left out of the mean.
 */
public final class MutualInformationGap {
    /** Bins per dimension in Locatello et al. (2019)'s discretised MIG. */
    public static final int DEFAULT_BINS = 20;

    private MutualInformationGap() {
    }

    /** MIG: the mean of {@link #perFactor} over factors that are not constant. */
    public static double compute(double[][] z, double[][] factors, int bins) {
        double sum = 0.0;
        int counted = 0;
        for (double gap : perFactor(z, factors, bins)) {
            if (!Double.isNaN(gap)) {
                sum += gap;
                counted++;
            }
        }
        if (counted == 0) {
            throw new IllegalArgumentException("every factor is constant; the gap is undefined");
        }
        return sum / counted;
    }

    /**
     * The normalised gap of each factor (column of {@code factors}), or NaN for a constant factor.
     * {@code z} (n × d, d ≥ 2) and {@code factors} (n × K) must have the same rows.
     */
    public static double[] perFactor(double[][] z, double[][] factors, int bins) {
        int d = Inputs.matrix("z", z);
        int factorCount = Inputs.matrix("factors", factors);
        Inputs.sameLength("z", z.length, "factors", factors.length, "rows");
        Inputs.atLeast("z column count", d, 2);
        Inputs.atLeast("bins", bins, 2);

        int[][] latentCodes = new int[d][];
        for (int j = 0; j < d; j++) {
            latentCodes[j] = equalWidthBins(column(z, j), bins);
        }
        double[] gaps = new double[factorCount];
        for (int k = 0; k < factorCount; k++) {
            int[] factor = discretiseFactor(column(factors, k), bins);
            double entropy = entropy(factor);
            if (entropy == 0.0) {
                gaps[k] = Double.NaN;
                continue;
            }
            double top = 0.0;
            double second = 0.0;
            for (int[] latent : latentCodes) {
                double mi = mutualInformation(latent, factor);
                if (mi > top) {
                    second = top;
                    top = mi;
                } else if (mi > second) {
                    second = mi;
                }
            }
            gaps[k] = (top - second) / entropy;
        }
        return gaps;
    }

    private static double[] column(double[][] x, int j) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][j];
        }
        return c;
    }

    /** Bin index 0..bins-1 of each value; the maximum goes in the last bin, not one past it. */
    private static int[] equalWidthBins(double[] values, int bins) {
        double min = Arrays.stream(values).min().getAsDouble();
        double max = Arrays.stream(values).max().getAsDouble();
        int[] codes = new int[values.length];
        if (max == min) {
            return codes;
        }
        for (int i = 0; i < values.length; i++) {
            codes[i] = Math.min(bins - 1, (int) ((values[i] - min) / (max - min) * bins));
        }
        return codes;
    }

    /** Category index (rank among the distinct values) when few enough, else equal-width bins. */
    private static int[] discretiseFactor(double[] values, int bins) {
        double[] distinct = Arrays.stream(values).sorted().distinct().toArray();
        if (distinct.length > bins) {
            return equalWidthBins(values, bins);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Arrays.binarySearch(distinct, values[i]);
        }
        return codes;
    }

    private static int[] counts(int[] codes) {
        int[] counts = new int[Arrays.stream(codes).max().getAsInt() + 1];
        for (int c : codes) {
            counts[c]++;
        }
        return counts;
    }

    private static double entropy(int[] codes) {
        double n = codes.length;
        double h = 0.0;
        for (int c : counts(codes)) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }

    /** Plug-in I(a; b) = Σ p(a,b) ln( p(a,b) / (p(a) p(b)) ) from the joint histogram. */
    private static double mutualInformation(int[] a, int[] b) {
        int[] countA = counts(a);
        int[] countB = counts(b);
        int[][] joint = new int[countA.length][countB.length];
        for (int i = 0; i < a.length; i++) {
            joint[a[i]][b[i]]++;
        }
        double n = a.length;
        double mi = 0.0;
        for (int x = 0; x < countA.length; x++) {
            for (int y = 0; y < countB.length; y++) {
                int c = joint[x][y];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / ((double) countA[x] * countB[y]));
                }
            }
        }
        return mi;
    }
}
