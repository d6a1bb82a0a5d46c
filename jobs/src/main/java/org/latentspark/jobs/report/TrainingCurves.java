package org.latentspark.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.latentspark.common.schema.EvaluationSchema.Metric;

/** The per-epoch rows of evaluation tables as line charts: one chart per metric, one line per series. */
public final class TrainingCurves {
    /** The curves a report draws, in this order. */
    public static final List<String> METRICS = List.of("neg_elbo", "reconstruction", "kl");

    private TrainingCurves() {
    }

    /**
     * @param series    names the line a per-epoch metric belongs to (its split; or run and split when comparing)
     * @param keptEpoch the epoch whose model was kept, marked by a vertical line (0: none)
     */
    public static List<Figure> of(List<Metric> metrics, Function<Metric, String> series, int keptEpoch) {
        List<Figure> figures = new ArrayList<>();
        for (String name : METRICS) {
            Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
            for (Metric m : metrics) {
                if (m.epoch() != null && m.dim() == null && m.metric().equals(name) && Double.isFinite(m.value())) {
                    lines.computeIfAbsent(series.apply(m), k -> new TreeMap<>()).put(m.epoch(), m.value());
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            XYChart chart = Charts.lines(name + " by epoch", "epoch", name + " (nats per example)");
            lines.forEach((line, points) -> chart.addSeries(line, new ArrayList<>(points.keySet()),
                    new ArrayList<>(points.values())));
            String caption = "Mean " + name + " of a fixed sample of examples, scored after each epoch with "
                    + "fixed noise (epoch 0: before training).";
            if (keptEpoch > 0) {
                chart.addAnnotation(new AnnotationLine(keptEpoch, true, false));
                caption += " The vertical line marks the kept epoch, " + keptEpoch + ".";
            }
            figures.add(Figure.of(caption, chart));
        }
        return figures;
    }
}
