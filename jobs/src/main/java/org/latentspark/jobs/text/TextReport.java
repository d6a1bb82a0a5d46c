package org.latentspark.jobs.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.knowm.xchart.CategoryChart;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.baselines.MllibLdaBaseline;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.report.Charts;
import org.latentspark.jobs.report.Figure;
import org.latentspark.jobs.report.Html;
import org.latentspark.jobs.report.ReportSection;

/**
 * The text report: the model's and the baseline's most coherent topics side by side, their top words as bars; topic
 * sizes on the test split; npmi per topic by model.
 */
final class TextReport {
    private static final int SHOWN_TOPICS = 10;
    private static final int SHOWN_WORDS = 10;
    private static final int TOPIC_HEIGHT = 260;
    private static final int DOCUMENTS = 5000;

    private TextReport() {
    }

    static List<ReportSection> sections(JobContext ctx, String runDir, List<Metric> metrics, String model) {
        Dataset<Row> table = ctx.spark().read().parquet(OutputLayout.topics(runDir));
        // Runs written before the table had a model column hold the trained model's topics only.
        Column modelColumn = Arrays.asList(table.columns()).contains("model") ? col("model") : lit(model);
        Map<String, Map<Integer, List<Row>>> words = new TreeMap<>();
        for (Row r : table.where(col("rank").leq(SHOWN_WORDS)).select(modelColumn.as("model"), col("topic"),
                col("rank"), col("term"), col("weight")).collectAsList()) {
            words.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                    .computeIfAbsent(r.getInt(1), k -> new ArrayList<>()).add(r);
        }
        List<String> models = new ArrayList<>(List.of(model, MllibLdaBaseline.NAME));
        models.removeIf(m -> !words.containsKey(m));
        // Each model's most coherent topics first, the models side by side (two charts to a row).
        List<List<Figure>> columns = new ArrayList<>();
        for (String m : models) {
            Map<Integer, Double> npmi = npmiByTopic(metrics, m);
            columns.add(words.get(m).keySet().stream()
                    .sorted(Comparator.comparingDouble((Integer k) -> -npmi.getOrDefault(k, Double.NEGATIVE_INFINITY)))
                    .limit(SHOWN_TOPICS).map(k -> topicBars(m, k, words.get(m).get(k), npmi.get(k))).toList());
        }
        List<Figure> topics = new ArrayList<>();
        for (int i = 0; i < SHOWN_TOPICS; i++) {
            for (List<Figure> column : columns) {
                if (i < column.size()) {
                    topics.add(column.get(i));
                }
            }
        }
        List<Figure> summary = new ArrayList<>();
        summary.add(topicSizes(ctx, runDir));
        Figure byModel = npmiByModel(metrics, model);
        if (byModel != null) {
            summary.add(byModel);
        }
        String intro = "<p>The " + SHOWN_TOPICS + " most coherent topics of " + Html.escape(String.join(" (left) and ",
                models)) + (models.size() > 1 ? " (right)" : "") + ", by npmi of each topic's top words on the "
                + "evaluation's reference corpus; bars are P(word | topic).</p>";
        return List.of(new ReportSection("Topics", intro, topics), ReportSection.of("Topic quality", summary));
    }

    private static Figure topicBars(String model, int topic, List<Row> words, Double npmi) {
        List<Row> top = words.stream().sorted(Comparator.comparingInt(r -> r.getInt(2))).toList();
        CategoryChart chart = Charts.bars(model + " topic " + topic + (npmi == null ? "" : ", npmi "
                + Html.number(npmi)), "", "P(word | topic)", Charts.WIDTH, TOPIC_HEIGHT);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisMaxLabelCount(SHOWN_WORDS);
        chart.addSeries("weight", top.stream().map(r -> r.getString(3)).toList(),
                top.stream().map(r -> r.getDouble(4)).toList());
        return Figure.of(model + "'s topic " + topic + ": its " + top.size() + " top words, ranked as the model ranks "
                + "them (ProdLDA: by how much the topic raises each word's logit; LDA: by P(word | topic)).", chart);
    }

    private static Map<Integer, Double> npmiByTopic(List<Metric> metrics, String model) {
        Map<Integer, Double> out = new TreeMap<>();
        for (Metric m : metrics) {
            if (m.model().equals(model) && m.metric().equals("npmi") && m.dim() != null && m.epoch() == null) {
                out.put(m.dim(), m.value());
            }
        }
        return out;
    }

    /** Mean topic proportions θ over test documents (the first ones by id). */
    private static Figure topicSizes(JobContext ctx, String runDir) {
        List<Row> rows = ctx.spark().read().parquet(OutputLayout.latents(runDir))
                .where(col("split").equalTo(Splits.TEST)).orderBy("id").limit(DOCUMENTS).select("theta")
                .collectAsList();
        double[] mean = null;
        for (Row r : rows) {
            List<Float> theta = r.getList(0);
            if (mean == null) {
                mean = new double[theta.size()];
            }
            for (int k = 0; k < mean.length; k++) {
                mean[k] += theta.get(k) / rows.size();
            }
        }
        CategoryChart chart = Charts.bars("Topic sizes", "topic", "mean θ", Charts.WIDTH, Charts.HEIGHT);
        chart.getStyler().setLegendVisible(false);
        List<Integer> topics = new ArrayList<>();
        List<Double> sizes = new ArrayList<>();
        for (int k = 0; mean != null && k < mean.length; k++) {
            topics.add(k);
            sizes.add(mean[k]);
        }
        if (topics.isEmpty()) {
            topics.add(0);
            sizes.add(0.0);
        }
        chart.addSeries("mean θ", topics, sizes);
        return Figure.of("The mean topic proportions of " + rows.size() + " test documents.", chart);
    }

    /** Each model's per-topic npmi, highest first, so that the two distributions compare at a glance. */
    private static Figure npmiByModel(List<Metric> metrics, String model) {
        CategoryChart chart = Charts.bars("npmi per topic, by model", "topic rank (most coherent first)", "npmi",
                Charts.WIDTH, Charts.HEIGHT);
        boolean any = false;
        for (String name : List.of(model, MllibLdaBaseline.NAME)) {
            List<Double> values = npmiByTopic(metrics, name).values().stream()
                    .sorted(Comparator.reverseOrder()).toList();
            if (!values.isEmpty()) {
                List<Integer> ranks = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    ranks.add(i + 1);
                }
                chart.addSeries(name, ranks, values);
                any = true;
            }
        }
        return !any ? null : Figure.of("npmi of each topic's top words, each model's "
                + "topics sorted from most to least coherent (topics of different models are not matched).",
                chart);
    }
}
