package org.latentspark.jobs.neural;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.metrics.neural.BitsPerSpike;
import org.latentspark.common.metrics.neural.LatentR2;
import org.latentspark.common.metrics.neural.PsthR2;
import org.latentspark.common.metrics.neural.RateCorrelation;
import org.latentspark.common.metrics.neural.SmoothingBaseline;
import org.latentspark.common.metrics.neural.TrialArrays;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.datasets.sharding.Splits;

/**
 * The Neural Latents Benchmark's metrics on test trials, for the model and for the smoothing baseline fit on the
 * training trials: co_bps (held-out units, observed bins), fp_bps (every unit, forward bins), psth_r2 (with
 * conditions), and with known latents latent_r2 (linear map from factors fit on training trials), rate_corr and
 * the true rates' co_bps (model true_rates), the ceiling of the split.
 */
final class NlbMetrics {
    static final String SMOOTHING = "smoothing";
    /** The simulator's own rates, where known: what a perfect model would score. */
    static final String TRUE_RATES = "true_rates";
    private final TrialGeometry g;
    private final EvaluateSettings settings;
    private final String model;

    NlbMetrics(TrialGeometry g, EvaluateSettings settings, String model) {
        this.g = g;
        this.settings = settings;
        this.model = model;
    }

    /** @param train and test: rows of {@link TrialScores#SCHEMA} */
    List<Metric> compute(List<Row> train, List<Row> test) {
        List<Metric> out = new ArrayList<>();
        if (test.isEmpty()) {
            return out;
        }
        int units = g.units();
        double[][][] heldOutRates = TrialArraysOfRows.floats(test, TrialScores.RATES, units, 0, g.bins(), g.heldIn(),
                g.heldOut());
        int[][][] testHeldIn = TrialArraysOfRows.counts(test, NeuralSchema.HELDIN, g.bins(), g.heldIn());
        int[][][] testHeldOut = TrialArraysOfRows.counts(test, NeuralSchema.HELDOUT, g.bins(), g.heldOut());
        out.add(metric(model, "co_bps", BitsPerSpike.bitsPerSpike(heldOutRates, testHeldOut)));
        if (g.forwardBins() > 0) {
            double[][][] forwardRates = TrialArraysOfRows.floats(test, TrialScores.RATES, units, g.bins(),
                    g.forwardBins(), 0, units);
            int[][][] forwardSpikes = TrialArrays.concatNeurons(
                    TrialArraysOfRows.counts(test, NeuralSchema.FORWARD_HELDIN, g.forwardBins(), g.heldIn()),
                    TrialArraysOfRows.counts(test, NeuralSchema.FORWARD_HELDOUT, g.forwardBins(), g.heldOut()));
            out.add(metric(model, "fp_bps", BitsPerSpike.bitsPerSpike(forwardRates, forwardSpikes)));
        }
        double[][][] modelRates = TrialArraysOfRows.floats(test, TrialScores.RATES, units, 0, g.bins(), 0, units);

        SmoothingBaseline baseline = smoothing(train, g, settings);
        if (baseline != null) {
            out.add(metric(SMOOTHING, "co_bps",
                    BitsPerSpike.bitsPerSpike(baseline.heldOutRates(testHeldIn), testHeldOut)));
        }

        boolean truth = g.trueLatentDim() > 0;
        if (g.hasConditions()) {
            Psth psth = new Psth(train, test, truth);
            out.add(metric(model, "psth_r2", psth.r2(modelRates)));
            if (baseline != null) {
                out.add(metric(SMOOTHING, "psth_r2", psth.r2(TrialArrays.concatNeurons(
                        baseline.heldInRates(testHeldIn), baseline.heldOutRates(testHeldIn)))));
            }
        }
        if (truth) {
            double[][][] trueRates = TrialArraysOfRows.floats(test, NeuralSchema.TRUE_RATES, units, 0, g.bins(), 0,
                    units);
            out.add(metric(model, "rate_corr", RateCorrelation.meanPerNeuron(modelRates, trueRates)));
            if (g.heldOut() > 0) {
                // The ceiling of this split: the rates that made the spikes, scored by the same code.
                out.add(metric(TRUE_RATES, "co_bps", BitsPerSpike.bitsPerSpike(TrialArraysOfRows.floats(test,
                        NeuralSchema.TRUE_RATES, units, 0, g.bins(), g.heldIn(), g.heldOut()), testHeldOut)));
            }
            if (!train.isEmpty()) {
                out.add(metric(model, "latent_r2", LatentR2.mean(
                        factors(train), trueLatents(train), factors(test), trueLatents(test))));
            }
        }
        return out;
    }

    /**
     * The smoothing baseline fit on training trials (rows with held-in and held-out counts), or null when there are
     * none or no held-out units to predict.
     */
    static SmoothingBaseline smoothing(List<Row> train, TrialGeometry g, EvaluateSettings settings) {
        if (train.isEmpty() || g.heldOut() == 0) {
            return null;
        }
        return SmoothingBaseline.fit(TrialArraysOfRows.counts(train, NeuralSchema.HELDIN, g.bins(), g.heldIn()),
                TrialArraysOfRows.counts(train, NeuralSchema.HELDOUT, g.bins(), g.heldOut()),
                settings.smoothing().kernelSdMs() / g.binMs(), settings.smoothing().alpha());
    }

    private double[][][] factors(List<Row> rows) {
        return TrialArraysOfRows.floats(rows, TrialScores.FACTORS, g.factors(), 0, g.bins(), 0, g.factors());
    }

    private double[][][] trueLatents(List<Row> rows) {
        return TrialArraysOfRows.floats(rows, NeuralSchema.TRUE_LATENTS, g.trueLatentDim(), 0, g.bins(), 0,
                g.trueLatentDim());
    }

    private static Metric metric(String model, String name, double value) {
        return new Metric(model, Splits.TEST, name, null, null, value);
    }

    /** The reference PSTHs: from the known rates when there are any, else from smoothed spikes of all trials. */
    private final class Psth {
        private final Map<String, Integer> codes = new HashMap<>();
        private final int[] testConditions;
        private final int[] allConditions;
        private final int[][][] allSpikes;
        private final double[][][] trueRates;

        Psth(List<Row> train, List<Row> test, boolean truth) {
            List<Row> all = new ArrayList<>(train);
            all.addAll(test);
            allConditions = conditions(all);
            testConditions = conditions(test);
            allSpikes = truth ? null : TrialArrays.concatNeurons(
                    TrialArraysOfRows.counts(all, NeuralSchema.HELDIN, g.bins(), g.heldIn()),
                    TrialArraysOfRows.counts(all, NeuralSchema.HELDOUT, g.bins(), g.heldOut()));
            trueRates = truth ? TrialArraysOfRows.floats(test, NeuralSchema.TRUE_RATES, g.units(), 0, g.bins(), 0,
                    g.units()) : null;
        }

        private int[] conditions(List<Row> rows) {
            int[] out = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String c = rows.get(i).getAs(NeuralSchema.CONDITION);
                out[i] = codes.computeIfAbsent(c == null ? "" : c, k -> codes.size());
            }
            return out;
        }

        double r2(double[][][] rates) {
            return trueRates != null ? PsthR2.fromTrueRates(trueRates, rates, testConditions)
                    : PsthR2.fromSpikes(allSpikes, allConditions, settings.psthKernelSdMs() / g.binMs(), rates,
                    testConditions);
        }
    }
}
