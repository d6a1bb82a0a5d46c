package org.latentspark.jobs.neural;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.latentspark.common.metrics.neural.BitsPerSpike;
import org.latentspark.common.metrics.neural.SmoothingBaseline;
import org.latentspark.common.model.SequentialVaeInference;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.report.Charts;
import org.latentspark.jobs.report.Figure;
import org.latentspark.jobs.report.PrincipalComponents;
import org.latentspark.jobs.report.ReportSection;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The neural report, from the model run on test trials: spike rasters beside inferred (and true) rates, the
 * factors' trajectories by condition, PSTHs (see {@link PsthFigures}) and co-bps per held-out unit.
 */
final class NeuralReport {
    private static final int MAX_TRIALS = 400;
    private static final int BATCH = 128;
    private static final int SHOWN_TRIALS = 2;
    private static final int SHOWN_CONDITIONS = 8;

    private NeuralReport() {
    }

    /** Test trials with the model's rates and factors (time-major, total bins × units or factors). */
    record Trials(List<Row> rows, List<float[]> rates, List<float[]> factors) {
    }

    /**
     * @param baseline the smoothing baseline fit as the evaluation fits it, or null (no training trials)
     */
    static List<ReportSection> sections(NeuralBatchEncoder encoder, ComputationGraph model, Dataset<Row> shards,
                                        SmoothingBaseline baseline) {
        TrialGeometry g = encoder.g();
        Trials test = infer(encoder, model, shards.where(col(NeuralSchema.SPLIT).equalTo(Splits.TEST))
                .orderBy(NeuralSchema.ID).limit(MAX_TRIALS).collectAsList());
        if (test.rows().isEmpty()) {
            return List.of();
        }
        List<ReportSection> sections = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN_TRIALS, test.rows().size()); i++) {
            sections.add(ReportSection.of("Test trial " + test.rows().get(i).getAs(NeuralSchema.ID),
                    trialFigures(g, test, i)));
        }
        List<Figure> population = new ArrayList<>();
        population.add(trajectories(g, test));
        population.addAll(PsthFigures.of(g, test, baseline));
        Figure bps = coBpsByUnit(g, test, baseline);
        if (bps != null) {
            population.add(bps);
        }
        sections.add(ReportSection.of("Population", population));
        return sections;
    }

    private static Trials infer(NeuralBatchEncoder encoder, ComputationGraph model, List<Row> rows) {
        SequentialVaeInference inference = new SequentialVaeInference(model);
        List<float[]> rates = new ArrayList<>();
        List<float[]> factors = new ArrayList<>();
        TrialGeometry g = encoder.g();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            INDArray[] in = encoder.inputs(batch, BatchEncoder.EVALUATION_EPOCH, true);
            SequentialVaeInference.Trajectories tr = inference.trajectories(in[0], in[1]);
            float[] r = tr.rates().data().asFloat();
            float[] f = tr.factors().data().asFloat();
            int rateWidth = g.totalBins() * g.units();
            int factorWidth = g.totalBins() * g.factors();
            for (int i = 0; i < batch.size(); i++) {
                rates.add(java.util.Arrays.copyOfRange(r, i * rateWidth, (i + 1) * rateWidth));
                factors.add(java.util.Arrays.copyOfRange(f, i * factorWidth, (i + 1) * factorWidth));
            }
        }
        return new Trials(rows, rates, factors);
    }

    /** Spike raster, inferred rates and (when known) true rates of one test trial. */
    private static List<Figure> trialFigures(TrialGeometry g, Trials test, int i) {
        Row row = test.rows().get(i);
        String id = row.getAs(NeuralSchema.ID);
        List<Integer> heldIn = row.getList(row.fieldIndex(NeuralSchema.HELDIN));
        List<Integer> heldOut = row.getList(row.fieldIndex(NeuralSchema.HELDOUT));
        XYChart raster = Charts.scatter("Spikes, trial " + id, "bin", "unit");
        addSpikes(raster, "held-in", heldIn, g.heldIn(), 0, g.bins());
        addSpikes(raster, "held-out", heldOut, g.heldOut(), g.heldIn(), g.bins());
        raster.getStyler().setMarkerSize(3);
        raster.getStyler().setXAxisMax((double) g.totalBins());
        List<Figure> out = new ArrayList<>();
        out.add(Figure.of("Spikes of test trial " + id + " (units " + g.heldIn() + " and up are held out: the "
                + "model never sees them).", raster));
        out.add(Figure.of("Rates the model infers for trial " + id + " from its held-in spikes, in spikes/s"
                + (g.forwardBins() > 0 ? ", including the " + g.forwardBins() + " forward bins after bin "
                + g.bins() : "") + ".", heatMap("Inferred rates, trial " + id, test.rates().get(i), g.totalBins(),
                g.units(), g.binMs())));
        List<Float> truth = row.isNullAt(row.fieldIndex(NeuralSchema.TRUE_RATES)) ? null
                : row.getList(row.fieldIndex(NeuralSchema.TRUE_RATES));
        if (truth != null && truth.size() >= g.bins() * g.units()) {
            float[] t = new float[g.bins() * g.units()];
            for (int k = 0; k < t.length; k++) {
                t[k] = truth.get(k);
            }
            out.add(Figure.of("The simulator's true rates for trial " + id + ", in spikes/s.",
                    heatMap("True rates, trial " + id, t, g.bins(), g.units(), g.binMs())));
        }
        return out;
    }

    private static void addSpikes(XYChart chart, String name, List<Integer> counts, int units, int offset,
                                  int bins) {
        List<Integer> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int t = 0; t < bins; t++) {
            for (int u = 0; u < units; u++) {
                if (counts.get(t * units + u) > 0) {
                    x.add(t);
                    y.add(offset + u);
                }
            }
        }
        if (x.isEmpty()) {
            x.add(0);
            y.add(offset);
        }
        chart.addSeries(name, x, y);
    }

    /** A bins × units matrix (time-major, spikes per bin) as a heat map in spikes/s. */
    private static HeatMapChart heatMap(String title, float[] perBin, int bins, int units, double binMs) {
        HeatMapChart chart = Charts.heatMap(title, "bin", "unit", Charts.WIDTH, Charts.HEIGHT);
        List<Number[]> cells = new ArrayList<>(bins * units);
        for (int t = 0; t < bins; t++) {
            for (int u = 0; u < units; u++) {
                // Rounded to 0.1 spikes/s: the legend prints its ends as they are.
                cells.add(new Number[] {t, u, Math.round(perBin[t * units + u] * 10000.0 / binMs) / 10.0});
            }
        }
        chart.addSeries("rates", range(bins), range(units), cells);
        return chart;
    }

    static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** Test trials grouped by condition (by trial when there are none), the groups with most trials first. */
    static Map<String, List<Integer>> groups(TrialGeometry g, Trials test, int limit) {
        Map<String, List<Integer>> all = new TreeMap<>();
        for (int i = 0; i < test.rows().size(); i++) {
            Row row = test.rows().get(i);
            String condition = g.hasConditions() ? row.getAs(NeuralSchema.CONDITION) : null;
            all.computeIfAbsent(condition == null ? "trial " + row.getAs(NeuralSchema.ID) : condition,
                    k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        all.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .limit(limit).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The mean over trials of column {@code index} of a time-major matrix of {@code width} columns per bin. */
    static double[] mean(List<float[]> matrices, List<Integer> trials, int bins, int width, int index) {
        double[] out = new double[bins];
        for (int i : trials) {
            for (int t = 0; t < bins; t++) {
                out[t] += matrices.get(i)[t * width + index] / (double) trials.size();
            }
        }
        return out;
    }

    /** Condition-averaged factors over the observed window, on their first two principal components. */
    private static Figure trajectories(TrialGeometry g, Trials test) {
        Map<String, List<Integer>> groups = groups(g, test, SHOWN_CONDITIONS);
        int bins = g.bins();
        double[][] points = new double[groups.size() * bins][g.factors()];
        int group = 0;
        for (List<Integer> trials : groups.values()) {
            for (int f = 0; f < g.factors(); f++) {
                double[] m = mean(test.factors(), trials, g.totalBins(), g.factors(), f);
                for (int t = 0; t < bins; t++) {
                    points[group * bins + t][f] = m[t];
                }
            }
            group++;
        }
        boolean project = g.factors() >= 2;
        double[][] xy = project ? PrincipalComponents.project(points, 2) : null;
        XYChart chart = project ? Charts.lines("Factor trajectories", "PC 1", "PC 2")
                : Charts.lines("Factor trajectories", "bin", "factor 0");
        chart.getStyler().setMarkerSize(0);
        group = 0;
        for (String name : groups.keySet()) {
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int t = 0; t < bins; t++) {
                x[t] = project ? xy[group * bins + t][0] : t;
                y[t] = project ? xy[group * bins + t][1] : points[group * bins + t][0];
            }
            chart.addSeries(name, x, y);
            group++;
        }
        return Figure.of("The model's factors averaged over the test trials of each condition (the "
                + groups.size() + " with most trials), through the observed window"
                + (project ? ", on their first two principal components." : "."), chart);
    }

    /** Bits per spike of each held-out unit on the test trials shown, model beside the smoothing baseline. */
    private static Figure coBpsByUnit(TrialGeometry g, Trials test, SmoothingBaseline baseline) {
        if (g.heldOut() == 0) {
            return null;
        }
        int n = test.rows().size();
        int[][][] spikes = TrialArraysOfRows.counts(test.rows(), NeuralSchema.HELDOUT, g.bins(), g.heldOut());
        double[][][] model = new double[n][g.bins()][g.heldOut()];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < g.bins(); t++) {
                for (int u = 0; u < g.heldOut(); u++) {
                    model[i][t][u] = test.rates().get(i)[t * g.units() + g.heldIn() + u];
                }
            }
        }
        CategoryChart chart = Charts.bars("co-bps per held-out unit", "held-out unit", "bits per spike",
                Charts.WIDTH, Charts.HEIGHT);
        List<Integer> units = range(g.heldOut());
        chart.addSeries("model", units, perUnit(model, spikes));
        if (baseline != null) {
            int[][][] heldIn = TrialArraysOfRows.counts(test.rows(), NeuralSchema.HELDIN, g.bins(), g.heldIn());
            chart.addSeries("smoothing", units, perUnit(baseline.heldOutRates(heldIn), spikes));
        }
        return Figure.of("Bits per spike of each held-out unit's rates over its own mean rate, on the " + n
                + " test trials shown here (units without spikes: 0).", chart);
    }

    /** Bits per spike of each unit alone ([trial][bin][unit] rates and spikes). */
    private static List<Double> perUnit(double[][][] rates, int[][][] spikes) {
        int units = spikes[0][0].length;
        List<Double> out = new ArrayList<>(units);
        for (int u = 0; u < units; u++) {
            int[][][] unitSpikes = new int[spikes.length][spikes[0].length][1];
            double[][][] unitRates = new double[spikes.length][spikes[0].length][1];
            long total = 0;
            for (int i = 0; i < spikes.length; i++) {
                for (int t = 0; t < spikes[0].length; t++) {
                    unitSpikes[i][t][0] = spikes[i][t][u];
                    unitRates[i][t][0] = rates[i][t][u];
                    total += spikes[i][t][u];
                }
            }
            out.add(total == 0 ? 0.0 : BitsPerSpike.bitsPerSpike(unitRates, unitSpikes));
        }
        return out;
    }
}
