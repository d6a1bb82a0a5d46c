package org.latentspark.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.latentspark.common.schema.EvaluationSchema.Metric;

/**
 * The final metrics (epoch null) as HTML tables, one row per (metric, split, dim) and one column per model or
 * baseline, the best value of a row marked where the metric has a direction. Each cell carries its exact value in
 * data attributes, so a reader (or a test) can match the page against the evaluation table.
 *
 * @param columns the column names: each model's name, or "run / model" on a page comparing runs
 */
public record MetricsTable(List<String> columns, Map<RowKey, Map<String, Double>> rows) {
    private static final List<String> SPLITS = List.of("train", "validation", "test");

    /** A row of the table: the metric, its split and (for per-dimension metrics) its dimension. */
    public record RowKey(String metric, String split, Integer dim) {
    }

    /** The final metrics of one run, the run's own model first, then its baselines by name. */
    public static MetricsTable of(List<Metric> metrics, String model) {
        return of(metrics, m -> m.model(), model);
    }

    /**
     * @param column   names a metric's column
     * @param first    the column shown first (the trained model), if present
     */
    public static MetricsTable of(List<Metric> metrics, java.util.function.Function<Metric, String> column,
                                  String first) {
        TreeSet<String> names = new TreeSet<>();
        Map<RowKey, Map<String, Double>> rows = new LinkedHashMap<>();
        List<Metric> finals = metrics.stream().filter(m -> m.epoch() == null)
                .sorted(Comparator.comparing((Metric m) -> m.dim() != null).thenComparing(Metric::metric)
                        .thenComparing(m -> SPLITS.indexOf(m.split())).thenComparing(m -> m.split())
                        .thenComparing(m -> m.dim() == null ? -1 : m.dim()))
                .toList();
        for (Metric m : finals) {
            String name = column.apply(m);
            names.add(name);
            rows.computeIfAbsent(new RowKey(m.metric(), m.split(), m.dim()), k -> new LinkedHashMap<>())
                    .put(name, m.value());
        }
        List<String> columns = new ArrayList<>();
        for (String name : names) {
            if (name.equals(first)) {
                columns.add(0, name);
            } else {
                columns.add(name);
            }
        }
        return new MetricsTable(columns, rows);
    }

    /** The summary table (metrics without a dimension) and, folded, the per-dimension one. */
    public String html() {
        StringBuilder out = new StringBuilder(table(false));
        if (rows.keySet().stream().anyMatch(k -> k.dim() != null)) {
            out.append("<details><summary>Per-dimension metrics (KL per latent dimension, probes per factor)"
                    + "</summary>").append(table(true)).append("</details>");
        }
        return out.toString();
    }

    private String table(boolean perDimension) {
        StringBuilder out = new StringBuilder("<table class=\"metrics\"><thead><tr><th>metric</th><th>split</th>");
        if (perDimension) {
            out.append("<th>dim</th>");
        }
        for (String c : columns) {
            out.append("<th>").append(Html.escape(c)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        rows.forEach((key, values) -> {
            if ((key.dim() != null) != perDimension) {
                return;
            }
            out.append("<tr><td>").append(Html.escape(key.metric())).append("</td><td>")
                    .append(Html.escape(key.split())).append("</td>");
            if (perDimension) {
                out.append("<td>").append(key.dim()).append("</td>");
            }
            String best = best(key.metric(), values);
            for (String c : columns) {
                Double v = values.get(c);
                if (v == null) {
                    out.append("<td class=\"none\">–</td>");
                    continue;
                }
                out.append("<td class=\"value").append(Objects.equals(c, best) ? " best" : "")
                        .append("\" data-column=\"").append(Html.escape(c))
                        .append("\" data-metric=\"").append(Html.escape(key.metric()))
                        .append("\" data-split=\"").append(Html.escape(key.split())).append('"');
                if (key.dim() != null) {
                    out.append(" data-dim=\"").append(key.dim()).append('"');
                }
                out.append(" data-value=\"").append(v).append("\">").append(Html.escape(Html.number(v)))
                        .append("</td>");
            }
            out.append("</tr>");
        });
        return out.append("</tbody></table>").toString();
    }

    /** The column with the best value of a row, when there are at least two to compare and one is best. */
    private static String best(String metric, Map<String, Double> values) {
        MetricDirection direction = MetricDirection.of(metric);
        if (direction == MetricDirection.NONE || values.size() < 2) {
            return null;
        }
        String best = null;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (Double.isNaN(e.getValue())) {
                continue;
            }
            if (best == null || direction.better(e.getValue(), values.get(best))) {
                best = e.getKey();
            }
        }
        if (best == null) {
            return null;
        }
        String winner = best;
        boolean tied = values.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(winner) && e.getValue().equals(values.get(winner)));
        return tied ? null : best;
    }
}
