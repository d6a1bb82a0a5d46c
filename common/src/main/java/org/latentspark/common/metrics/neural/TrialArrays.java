package org.latentspark.common.metrics.neural;

/**
 * The data layout of this package and the few reshapes the metrics need. Every trialised array is
 * indexed {@code [trial][bin][neuron]}, the trial x time x channel order of nlb_tools'
 * {@code make_tensors.py}; rates and spike counts are per bin (not per second). Latents and factors
 * use the same order, {@code [trial][bin][dimension]}.
 *
 * <p>Argument checks throw {@link IllegalArgumentException} with a message that names the argument
 * and the trial and bin at fault.
 */
public final class TrialArrays {
    private TrialArrays() {
    }

    /**
     * Joins two arrays of the same trials and bins along the neuron axis, {@code a}'s neurons first:
     * nlb_tools' {@code np.dstack([heldin, heldout])}, used for fp-bps and PSTH R².
     */
    public static double[][][] concatNeurons(double[][][] a, double[][][] b) {
        int[] sa = shape("a", a);
        int[] sb = shape("b", b);
        sameTrialsAndBins("a", sa, "b", sb);
        double[][][] out = new double[sa[0]][sa[1]][sa[2] + sb[2]];
        for (int t = 0; t < sa[0]; t++) {
            for (int k = 0; k < sa[1]; k++) {
                System.arraycopy(a[t][k], 0, out[t][k], 0, sa[2]);
                System.arraycopy(b[t][k], 0, out[t][k], sa[2], sb[2]);
            }
        }
        return out;
    }

    /** {@link #concatNeurons(double[][][], double[][][])} for spike counts. */
    public static int[][][] concatNeurons(int[][][] a, int[][][] b) {
        int[] sa = counts("a", a);
        int[] sb = counts("b", b);
        sameTrialsAndBins("a", sa, "b", sb);
        int[][][] out = new int[sa[0]][sa[1]][sa[2] + sb[2]];
        for (int t = 0; t < sa[0]; t++) {
            for (int k = 0; k < sa[1]; k++) {
                System.arraycopy(a[t][k], 0, out[t][k], 0, sa[2]);
                System.arraycopy(b[t][k], 0, out[t][k], sa[2], sb[2]);
            }
        }
        return out;
    }

    /**
     * One row per (trial, bin), trial-major: nlb_tools' {@code x.reshape(-1, x.shape[2])}. The rows
     * are the arrays of {@code x} themselves, not copies.
     */
    static double[][] rows(double[][][] x) {
        int[] s = shape("x", x);
        double[][] out = new double[s[0] * s[1]][];
        for (int t = 0; t < s[0]; t++) {
            System.arraycopy(x[t], 0, out, t * s[1], s[1]);
        }
        return out;
    }

    /**
     * Checks that {@code x} is a non-empty {@code [trial][bin][neuron]} array with the same number of
     * bins in every trial and of neurons in every bin, all finite; returns {trials, bins, neurons}.
     */
    static int[] shape(String name, double[][][] x) {
        int[] s = outerShape(name, x);
        s[2] = neurons(name, x[0][0] == null ? 0 : x[0][0].length);
        for (int t = 0; t < s[0]; t++) {
            for (int k = 0; k < s[1]; k++) {
                double[] row = x[t][k];
                checkWidth(name, t, k, row == null ? -1 : row.length, s[2]);
                for (int n = 0; n < s[2]; n++) {
                    if (!Double.isFinite(row[n])) {
                        throw new IllegalArgumentException(name + " trial " + t + " bin " + k + " neuron " + n
                                + " is " + row[n] + ", expected a finite value");
                    }
                }
            }
        }
        return s;
    }

    /** {@link #shape(String, double[][][])} for spike counts, which must also be non-negative. */
    static int[] counts(String name, int[][][] x) {
        int[] s = outerShape(name, x);
        s[2] = neurons(name, x[0][0] == null ? 0 : x[0][0].length);
        for (int t = 0; t < s[0]; t++) {
            for (int k = 0; k < s[1]; k++) {
                int[] row = x[t][k];
                checkWidth(name, t, k, row == null ? -1 : row.length, s[2]);
                for (int n = 0; n < s[2]; n++) {
                    if (row[n] < 0) {
                        throw new IllegalArgumentException(name + " trial " + t + " bin " + k + " neuron " + n
                                + " is " + row[n] + ", expected a spike count >= 0");
                    }
                }
            }
        }
        return s;
    }

    static void sameShape(String name, int[] s, String otherName, int[] other) {
        if (s[0] != other[0] || s[1] != other[1] || s[2] != other[2]) {
            throw new IllegalArgumentException(name + " is " + describe(s) + " but " + otherName + " is "
                    + describe(other));
        }
    }

    static void sameTrialsAndBins(String name, int[] s, String otherName, int[] other) {
        if (s[0] != other[0] || s[1] != other[1]) {
            throw new IllegalArgumentException(name + " is " + describe(s) + " but " + otherName + " is "
                    + describe(other) + ": expected the same trials and bins");
        }
    }

    /** Checks the trial and bin axes of {@code x}; returns {trials, bins, 0}. */
    private static int[] outerShape(String name, Object[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " has no trials");
        }
        int bins = x[0] == null ? 0 : x[0].length;
        if (bins == 0) {
            throw new IllegalArgumentException(name + " trial 0 has no bins");
        }
        for (int t = 0; t < x.length; t++) {
            int length = x[t] == null ? 0 : x[t].length;
            if (length != bins) {
                throw new IllegalArgumentException(name + " trial " + t + " has " + length + " bins, expected "
                        + bins);
            }
        }
        return new int[] {x.length, bins, 0};
    }

    private static int neurons(String name, int neurons) {
        if (neurons == 0) {
            throw new IllegalArgumentException(name + " trial 0 bin 0 has no neurons");
        }
        return neurons;
    }

    private static void checkWidth(String name, int trial, int bin, int width, int expected) {
        if (width != expected) {
            throw new IllegalArgumentException(name + " trial " + trial + " bin " + bin + " has "
                    + Math.max(width, 0) + " neurons, expected " + expected);
        }
    }

    private static String describe(int[] s) {
        return s[0] + " trials x " + s[1] + " bins x " + s[2] + " neurons";
    }
}
