package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;

/**
 * Spiking data with known latents from a Lorenz system, the synthetic benchmark of LFADS (Sussillo et al. 2016,
 * "LFADS - Latent Factor Analysis via Dynamical Systems"; Pandarinath et al. 2018, Nature Methods). Each condition
 * integrates the Lorenz equations (σ = 10, ρ = 28, β = 8/3; fourth-order Runge-Kutta) from its own random initial
 * state, after a burn-in that brings it onto the attractor, and samples the state once per bin; the latents are
 * normalised to zero mean and unit variance per dimension over all conditions and bins. Neuron n's rate in a bin
 * is {@code exp(log(baseRateHz · binSeconds) + W_n · latent)}, where W is a random N × 3 readout whose rows have
 * norm {@code gain}, so rates vary about e^±gain around the base rate; counts are Poisson. Every trial of a
 * condition shares its latents and rates; counts differ from trial to trial and from session to session.
 * Optional forward bins continue each trajectory after the trial, for forward prediction.
 *
 * <p>Everything depends only on the seed: the initial states and the readout on the seed alone, each trial's
 * counts on the seed, the session and the trial.
 */
public final class LorenzSimulator implements Serializable {
    public static final int LATENT_DIM = 3;
    static final double SIGMA = 10;
    static final double RHO = 28;
    static final double BETA = 8.0 / 3;
    /** Lorenz time per second of simulated recording: about two turns of the attractor a second. */
    static final double LORENZ_TIME_PER_SECOND = 1.5;
    private static final double MAX_STEP = 0.01;
    private static final double BURN_IN = 5;
    /** Empty bins between one trial's forward window and the next trial. */
    static final int GAP_BINS = 10;
    /** Spikes are kept this fraction of a bin away from bin edges, well clear of SpikeBinner's edge tolerance. */
    private static final double EDGE_MARGIN = 1e-4;
    /** Poisson means are drawn in parts no larger than this, where Knuth's method is exact and quick. */
    private static final double POISSON_PART = 30;

    private final int conditions;
    private final int trialsPerCondition;
    private final int neurons;
    private final int bins;
    private final int forwardBins;
    private final double binMs;
    private final double baseRateHz;
    private final double gain;
    private final long seed;

    /**
     * @param forwardBins bins simulated after each trial's {@code bins}, for forward prediction (0: none)
     * @param gain        norm of each neuron's readout row: the spread of log-rates around the base rate
     */
    public LorenzSimulator(int conditions, int trialsPerCondition, int neurons, int bins, int forwardBins,
                           double binMs, double baseRateHz, double gain, long seed) {
        atLeast("conditions", conditions, 1);
        atLeast("trials-per-condition", trialsPerCondition, 1);
        atLeast("neurons", neurons, 2);
        atLeast("bins", bins, 2);
        atLeast("forward-bins", forwardBins, 0);
        positive("bin-ms", binMs);
        positive("base-rate-hz", baseRateHz);
        if (!(gain >= 0) || Double.isInfinite(gain)) {
            throw new UserInputException("configuration key dataset.lorenz.gain must not be negative, got " + gain);
        }
        this.conditions = conditions;
        this.trialsPerCondition = trialsPerCondition;
        this.neurons = neurons;
        this.bins = bins;
        this.forwardBins = forwardBins;
        this.binMs = binMs;
        this.baseRateHz = baseRateHz;
        this.gain = gain;
        this.seed = seed;
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new UserInputException("configuration key dataset.lorenz." + key + " must be at least " + min
                    + ", got " + value);
        }
    }

    private static void positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UserInputException("configuration key dataset.lorenz." + key + " must be positive, got "
                    + value);
        }
    }

    public int bins() {
        return bins;
    }

    public int forwardBins() {
        return forwardBins;
    }

    public double binMs() {
        return binMs;
    }

    public int trialsPerCondition() {
        return trialsPerCondition;
    }

    /** Adds the settings to a dataset's source description. */
    public void describe(ObjectNode into) {
        into.put("conditions", conditions).put("trials_per_condition", trialsPerCondition).put("neurons", neurons)
                .put("bins", bins).put("forward_bins", forwardBins).put("bin_ms", binMs)
                .put("base_rate_hz", baseRateHz).put("gain", gain).put("seed", seed);
    }

    /**
     * The true latents and rates of every condition.
     *
     * @param latents condition × bin × 3, normalised, over bins + forwardBins
     * @param rates   condition × bin × neuron, in spikes per bin
     * @param readout neuron × 3
     */
    public record Simulation(double[][][] latents, double[][][] rates, double[][] readout) implements Serializable {
    }

    public Simulation simulate() {
        SplittableRandom random = new SplittableRandom(seed);
        int total = bins + forwardBins;
        double binLorenzTime = LORENZ_TIME_PER_SECOND * binMs / 1000;
        int steps = (int) Math.ceil(binLorenzTime / MAX_STEP);
        double[][][] latents = new double[conditions][total][];
        for (int c = 0; c < conditions; c++) {
            double[] state = {random.nextDouble(-15, 15), random.nextDouble(-15, 15), random.nextDouble(10, 40)};
            int burnSteps = (int) Math.ceil(BURN_IN / MAX_STEP);
            for (int s = 0; s < burnSteps; s++) {
                state = rungeKutta(state, BURN_IN / burnSteps);
            }
            for (int t = 0; t < total; t++) {
                latents[c][t] = state.clone();
                for (int s = 0; s < steps; s++) {
                    state = rungeKutta(state, binLorenzTime / steps);
                }
            }
        }
        normalise(latents);
        double[][] readout = new double[neurons][LATENT_DIM];
        for (double[] row : readout) {
            double norm = 0;
            for (int d = 0; d < LATENT_DIM; d++) {
                row[d] = gaussian(random);
                norm += row[d] * row[d];
            }
            for (int d = 0; d < LATENT_DIM; d++) {
                row[d] *= gain / Math.sqrt(norm);
            }
        }
        double baseline = Math.log(baseRateHz * binMs / 1000);
        double[][][] rates = new double[conditions][total][neurons];
        for (int c = 0; c < conditions; c++) {
            for (int t = 0; t < total; t++) {
                for (int n = 0; n < neurons; n++) {
                    double logRate = baseline;
                    for (int d = 0; d < LATENT_DIM; d++) {
                        logRate += readout[n][d] * latents[c][t][d];
                    }
                    rates[c][t][n] = Math.exp(logRate);
                }
            }
        }
        return new Simulation(latents, rates, readout);
    }

    /** One step of the Lorenz system by the classical fourth-order Runge-Kutta method. */
    static double[] rungeKutta(double[] x, double h) {
        double[] k1 = lorenz(x);
        double[] k2 = lorenz(axpy(x, k1, h / 2));
        double[] k3 = lorenz(axpy(x, k2, h / 2));
        double[] k4 = lorenz(axpy(x, k3, h));
        double[] next = new double[3];
        for (int i = 0; i < 3; i++) {
            next[i] = x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return next;
    }

    static double[] lorenz(double[] x) {
        return new double[] {SIGMA * (x[1] - x[0]), x[0] * (RHO - x[2]) - x[1], x[0] * x[1] - BETA * x[2]};
    }

    private static double[] axpy(double[] x, double[] k, double h) {
        return new double[] {x[0] + h * k[0], x[1] + h * k[1], x[2] + h * k[2]};
    }

    private static void normalise(double[][][] latents) {
        for (int d = 0; d < LATENT_DIM; d++) {
            double sum = 0;
            double sumSquares = 0;
            long n = 0;
            for (double[][] condition : latents) {
                for (double[] bin : condition) {
                    sum += bin[d];
                    sumSquares += bin[d] * bin[d];
                    n++;
                }
            }
            double mean = sum / n;
            double sd = Math.sqrt(Math.max(sumSquares / n - mean * mean, 0));
            for (double[][] condition : latents) {
                for (double[] bin : condition) {
                    bin[d] = sd > 0 ? (bin[d] - mean) / sd : 0;
                }
            }
        }
    }

    /** The condition of trial {@code trial} of a session: trials run condition by condition. */
    public int conditionOf(int trial) {
        return trial / trialsPerCondition;
    }

    /**
     * One session's spikes: trials back to back, each its bins then its forward bins then a gap of
     * {@value #GAP_BINS} empty bins; each bin's Poisson count of spikes placed uniformly inside it. The trial table
     * spans each trial's {@code bins} (not the forward bins); the condition column holds the condition's index.
     */
    public SpikeRecording recording(Simulation sim, int session) {
        double binSeconds = binMs / 1000;
        int trials = conditions * trialsPerCondition;
        int total = bins + forwardBins;
        double[] starts = new double[trials];
        double[] stops = new double[trials];
        String[] conditionColumn = new String[trials];
        double[][] trains = new double[neurons][16];
        int[] sizes = new int[neurons];
        for (int k = 0; k < trials; k++) {
            int c = conditionOf(k);
            long firstBin = (long) k * (total + GAP_BINS);
            starts[k] = firstBin * binSeconds;
            stops[k] = (firstBin + bins) * binSeconds;
            conditionColumn[k] = Integer.toString(c);
            SplittableRandom random = new SplittableRandom(mix64(mix64(mix64(seed) + session) + k));
            for (int t = 0; t < total; t++) {
                for (int n = 0; n < neurons; n++) {
                    int count = poisson(sim.rates()[c][t][n], random);
                    double[] offsets = new double[count];
                    for (int i = 0; i < count; i++) {
                        offsets[i] = EDGE_MARGIN + (1 - 2 * EDGE_MARGIN) * random.nextDouble();
                    }
                    Arrays.sort(offsets);
                    if (sizes[n] + count > trains[n].length) {
                        trains[n] = Arrays.copyOf(trains[n], Math.max(2 * trains[n].length, sizes[n] + count));
                    }
                    for (double offset : offsets) {
                        trains[n][sizes[n]++] = (firstBin + t + offset) * binSeconds;
                    }
                }
            }
        }
        long[] unitIds = new long[neurons];
        for (int n = 0; n < neurons; n++) {
            unitIds[n] = n;
            trains[n] = Arrays.copyOf(trains[n], sizes[n]);
        }
        String name = sessionName(session);
        return new SpikeRecording(name, unitIds, trains, starts, stops, conditionColumn, null,
                "Lorenz simulation " + name);
    }

    public static String sessionName(int session) {
        return "lorenz-" + session;
    }

    /**
     * Writes the truth table ({@link GroundTruth}) of sessions 0 to {@code sessions - 1}, as the tests' NWB writer
     * writes them: one row per trial, named as NwbReader names the session of {@code lorenz-<s>.nwb}, over the
     * trial's {@code bins} (not its forward bins), rates of every neuron in unit-id order.
     */
    public void writeTruth(SparkSession spark, Simulation sim, int sessions, String path) {
        long[] unitIds = new long[neurons];
        int[] order = new int[neurons];
        for (int n = 0; n < neurons; n++) {
            unitIds[n] = n;
            order[n] = n;
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            for (int k = 0; k < conditions * trialsPerCondition; k++) {
                int c = conditionOf(k);
                rows.add(RowFactory.create(sessionName(s), k, bins, LATENT_DIM, unitIds,
                        trueLatents(sim, c, bins), trueRates(sim, c, bins, order)));
            }
        }
        GroundTruth.write(spark, rows, path);
    }

    /** A condition's latents over its first {@code bins} bins as floats, bins × 3, time-major. */
    static float[] trueLatents(Simulation sim, int condition, int bins) {
        float[] out = new float[bins * LATENT_DIM];
        for (int t = 0; t < bins; t++) {
            for (int d = 0; d < LATENT_DIM; d++) {
                out[t * LATENT_DIM + d] = (float) sim.latents()[condition][t][d];
            }
        }
        return out;
    }

    /**
     * A condition's rates over its first {@code bins} bins as floats, bins × units, time-major; unit j is the
     * neuron at position {@code order[j]}.
     */
    static float[] trueRates(Simulation sim, int condition, int bins, int[] order) {
        float[] out = new float[bins * order.length];
        for (int t = 0; t < bins; t++) {
            for (int j = 0; j < order.length; j++) {
                out[t * order.length + j] = (float) sim.rates()[condition][t][order[j]];
            }
        }
        return out;
    }

    /** A Poisson draw: Knuth's multiplication method on parts of the mean no larger than {@value #POISSON_PART}. */
    static int poisson(double mean, SplittableRandom random) {
        int count = 0;
        double left = mean;
        while (left > 0) {
            double part = Math.min(left, POISSON_PART);
            left -= part;
            double limit = Math.exp(-part);
            double product = random.nextDouble();
            while (product > limit) {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
