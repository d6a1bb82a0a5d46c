package org.latentspark.jobs.neural;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.knowm.xchart.XYChart;
import org.latentspark.common.metrics.neural.SmoothingBaseline;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.jobs.report.Charts;
import org.latentspark.jobs.report.Figure;

/**
 * PSTHs of the most active held-out unit (held-in without held-out units) for the largest conditions: the spike
 * counts, the model's rates, the smoothing baseline's rates and, on simulated data, the true rates, in spikes/s.
 */
final class PsthFigures {
    private static final int CONDITIONS = 4;

    private PsthFigures() {
    }

    static List<Figure> of(TrialGeometry g, NeuralReport.Trials test, SmoothingBaseline baseline) {
        boolean heldOut = g.heldOut() > 0;
        int width = heldOut ? g.heldOut() : g.heldIn();
        List<float[]> counts = new ArrayList<>();
        List<float[]> truth = new ArrayList<>();
        for (Row row : test.rows()) {
            counts.add(floats(row.getList(row.fieldIndex(heldOut ? NeuralSchema.HELDOUT : NeuralSchema.HELDIN))));
            int trueRates = row.fieldIndex(NeuralSchema.TRUE_RATES);
            if (!row.isNullAt(trueRates)) {
                truth.add(floats(row.getList(trueRates)));
            }
        }
        List<float[]> smoothed = baseline == null ? null : smoothed(g, test.rows(), baseline, heldOut);
        List<Integer> all = NeuralReport.range(test.rows().size());
        int unit = 0;
        double most = -1;
        for (int u = 0; u < width; u++) {
            double total = java.util.Arrays.stream(NeuralReport.mean(counts, all, g.bins(), width, u)).sum();
            if (total > most) {
                most = total;
                unit = u;
            }
        }
        int modelUnit = heldOut ? g.heldIn() + unit : unit;
        double perSecond = 1000.0 / g.binMs();
        List<Integer> bins = NeuralReport.range(g.bins());
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : NeuralReport.groups(g, test, CONDITIONS).entrySet()) {
            List<Integer> trials = e.getValue();
            XYChart chart = Charts.lines("PSTH, " + e.getKey(), "bin", "spikes/s");
            chart.getStyler().setMarkerSize(0);
            chart.addSeries("data", bins, scaled(NeuralReport.mean(counts, trials, g.bins(), width, unit), perSecond));
            chart.addSeries("model", bins, scaled(NeuralReport.mean(test.rates(), trials, g.bins(), g.units(),
                    modelUnit), perSecond));
            if (smoothed != null) {
                chart.addSeries("smoothing", bins, scaled(NeuralReport.mean(smoothed, trials, g.bins(), width, unit),
                        perSecond));
            }
            if (truth.size() == test.rows().size()) {
                chart.addSeries("true rate", bins, scaled(NeuralReport.mean(truth, trials, g.bins(), g.units(),
                        modelUnit), perSecond));
            }
            out.add(Figure.of("Mean over the " + trials.size() + " test trials of " + e.getKey() + " of "
                    + (heldOut ? "held-out" : "held-in") + " unit " + unit + " (the most active): spike counts, the "
                    + "model's rates" + (smoothed == null ? "" : ", the smoothing baseline's")
                    + (truth.isEmpty() ? "" : " and the true rates") + ".", chart));
        }
        return out;
    }

    /** The baseline's rates of the shown units for each test trial, time-major like the counts. */
    private static List<float[]> smoothed(TrialGeometry g, List<Row> rows, SmoothingBaseline baseline,
                                          boolean heldOut) {
        int[][][] heldIn = TrialArraysOfRows.counts(rows, NeuralSchema.HELDIN, g.bins(), g.heldIn());
        double[][][] rates = heldOut ? baseline.heldOutRates(heldIn) : baseline.heldInRates(heldIn);
        List<float[]> out = new ArrayList<>(rates.length);
        for (double[][] trial : rates) {
            int width = trial[0].length;
            float[] flat = new float[trial.length * width];
            for (int t = 0; t < trial.length; t++) {
                for (int u = 0; u < width; u++) {
                    flat[t * width + u] = (float) trial[t][u];
                }
            }
            out.add(flat);
        }
        return out;
    }

    private static float[] floats(List<? extends Number> values) {
        float[] out = new float[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get(k).floatValue();
        }
        return out;
    }

    private static List<Double> scaled(double[] values, double factor) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v * factor);
        }
        return out;
    }
}
