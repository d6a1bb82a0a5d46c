package org.latentspark.jobs.image;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.report.Charts;
import org.latentspark.jobs.report.Figure;
import org.latentspark.jobs.report.PrincipalComponents;
import org.latentspark.jobs.report.ReportSection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The image report: test images beside their reconstructions, traversals of the most informative latent
 * dimensions, the posterior means projected to 2-D and coloured by label or by each known factor, KL per dimension.
 */
final class ImageReport {
    private static final int EXAMPLES = 8;
    private static final int TRAVERSED_DIMS = 8;
    private static final double[] TRAVERSAL = {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5};
    private static final int POINTS = 2000;
    private static final int MAX_LABELS = 10;
    private static final int MAX_FACTORS = 5;
    private static final int FACTOR_BINS = 5;

    private ImageReport() {
    }

    static List<ReportSection> sections(JobContext ctx, ImageBatch.Geometry geometry, ComputationGraph model,
                                        String runDir, List<Metric> metrics, Dataset<Row> shards, String modelName) {
        List<Row> examples = shards.where(col(ImageSchema.SPLIT).equalTo(Splits.TEST)).orderBy(ImageSchema.ID)
                .limit(EXAMPLES).collectAsList();
        List<Figure> pictures = new ArrayList<>();
        double[] klByDim = klByDim(metrics, modelName, geometry.latentDim());
        if (!examples.isEmpty()) {
            VaeInference inference = new VaeInference(model);
            pictures.add(reconstructions(inference, examples, geometry));
            pictures.add(traversals(inference, examples.get(0), geometry, klByDim));
        }
        List<Figure> latent = new ArrayList<>(latentSpace(ctx, runDir));
        latent.add(klBars(klByDim));
        return List.of(ReportSection.of("Reconstructions", pictures), ReportSection.of("Latent space", latent));
    }

    private static Figure reconstructions(VaeInference inference, List<Row> examples, ImageBatch.Geometry g) {
        ImageBatch batch = ImageBatch.of(examples, g, 0);
        INDArray mean = inference.decodedMean(batch.x(), Nd4j.zerosLike(batch.eps()));
        List<float[]> originals = new ArrayList<>();
        List<float[]> decoded = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            originals.add(batch.x().getRow(i).toFloatVector());
            decoded.add(mean.getRow(i).toFloatVector());
        }
        return Figure.of("Test images and their reconstructions", "Top: the first " + examples.size()
                + " test images by id. Bottom: the likelihood's mean decoded from each posterior mean.",
                ImageGrid.draw(List.of(originals, decoded), g));
    }

    /** One row per latent dimension (most KL first): the first test image's posterior mean with that one moved. */
    private static Figure traversals(VaeInference inference, Row example, ImageBatch.Geometry g, double[] klByDim) {
        ImageBatch batch = ImageBatch.of(List.of(example), g, 0);
        VaeInference.Pass pass = inference.forward(batch.x(), Nd4j.zerosLike(batch.eps()));
        float[] mu = pass.zMean().getRow(0).toFloatVector();
        float[] sigma = pass.zLogVar().getRow(0).toFloatVector();
        for (int d = 0; d < sigma.length; d++) {
            sigma[d] = (float) Math.exp(0.5 * sigma[d]);
        }
        int[] dims = IntStream.range(0, mu.length).boxed()
                .sorted(Comparator.comparingDouble((Integer d) -> -klByDim[d])).limit(TRAVERSED_DIMS)
                .mapToInt(Integer::intValue).toArray();
        int n = dims.length * TRAVERSAL.length;
        // z = μ + σ·ε, so the noise that puts dimension d at value v (others at their mean) is (v − μ_d) / σ_d.
        INDArray eps = Nd4j.zeros(batch.eps().dataType(), n, mu.length);
        for (int r = 0; r < dims.length; r++) {
            for (int c = 0; c < TRAVERSAL.length; c++) {
                int d = dims[r];
                eps.putScalar(new long[] {(long) r * TRAVERSAL.length + c, d}, (TRAVERSAL[c] - mu[d]) / sigma[d]);
            }
        }
        INDArray decoded = inference.decodedMean(batch.x().repeat(0, n), eps);
        List<List<float[]>> rows = new ArrayList<>();
        for (int r = 0; r < dims.length; r++) {
            List<float[]> row = new ArrayList<>();
            for (int c = 0; c < TRAVERSAL.length; c++) {
                row.add(decoded.getRow((long) r * TRAVERSAL.length + c).toFloatVector());
            }
            rows.add(row);
        }
        StringBuilder order = new StringBuilder();
        for (int d : dims) {
            order.append(order.isEmpty() ? "" : ", ").append(d);
        }
        return Figure.of("Latent traversals", "Each row moves one latent dimension of the first test image's "
                + "posterior mean through " + TRAVERSAL[0] + " … " + TRAVERSAL[TRAVERSAL.length - 1]
                + ", the others held; rows are dimensions " + order + " (most KL on the test split first).",
                ImageGrid.draw(rows, g));
    }

    /** The posterior means of test images projected on their first two principal components. */
    private static List<Figure> latentSpace(JobContext ctx, String runDir) {
        List<Row> rows = ctx.spark().read().parquet(OutputLayout.latents(runDir))
                .where(col("split").equalTo(Splits.TEST)).orderBy("id").limit(POINTS).collectAsList();
        if (rows.size() < 3) {
            return List.of();
        }
        int z = rows.get(0).<scala.collection.Seq<Float>>getAs("z_mean").size();
        if (z < 2) {
            return List.of();
        }
        double[][] means = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            scala.collection.Seq<Float> seq = rows.get(i).getAs("z_mean");
            means[i] = new double[z];
            for (int d = 0; d < z; d++) {
                means[i][d] = seq.apply(d);
            }
        }
        double[][] projected = PrincipalComponents.project(means, 2);
        String caption = "Posterior means of " + rows.size() + " test images on their first two principal "
                + "components";
        List<Figure> figures = new ArrayList<>();
        if (rows.get(0).getAs("label") != null) {
            Map<String, List<Integer>> byLabel = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
            for (int i = 0; i < rows.size(); i++) {
                Integer label = rows.get(i).getAs("label");
                byLabel.computeIfAbsent(String.valueOf(label), k -> new ArrayList<>()).add(i);
            }
            if (byLabel.size() <= MAX_LABELS) {
                figures.add(Figure.of(caption + ", coloured by label.", scatter("Latent space by label",
                        projected, byLabel)));
            }
        }
        scala.collection.Seq<Float> firstFactors = rows.get(0).getAs("factors");
        int factors = firstFactors == null ? 0 : Math.min(MAX_FACTORS, firstFactors.size());
        for (int f = 0; f < factors; f++) {
            figures.add(Figure.of(caption + ", coloured by factor " + f + " (quintiles).",
                    scatter("Latent space by factor " + f, projected, factorBins(rows, f))));
        }
        if (figures.isEmpty()) {
            figures.add(Figure.of(caption + ".", scatter("Latent space", projected,
                    Map.of("test", IntStream.range(0, rows.size()).boxed().toList()))));
        }
        return figures;
    }

    private static Map<String, List<Integer>> factorBins(List<Row> rows, int factor) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            values[i] = rows.get(i).<scala.collection.Seq<Float>>getAs("factors").apply(factor);
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        Map<String, List<Integer>> bins = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            int bin = 0;
            while (bin < FACTOR_BINS - 1 && values[i] > sorted[(bin + 1) * (sorted.length - 1) / FACTOR_BINS]) {
                bin++;
            }
            bins.computeIfAbsent("q" + (bin + 1), k -> new ArrayList<>()).add(i);
        }
        return bins;
    }

    private static XYChart scatter(String title, double[][] projected, Map<String, List<Integer>> groups) {
        XYChart chart = Charts.scatter(title, "PC 1", "PC 2");
        // A few far-out posterior means would squeeze the rest into a dot: the axes span the central 98%.
        double[] x = java.util.Arrays.stream(projected).mapToDouble(p -> p[0]).toArray();
        double[] y = java.util.Arrays.stream(projected).mapToDouble(p -> p[1]).toArray();
        chart.getStyler().setXAxisMin(Charts.quantile(x, 0.01)).setXAxisMax(Charts.quantile(x, 0.99))
                .setYAxisMin(Charts.quantile(y, 0.01)).setYAxisMax(Charts.quantile(y, 0.99));
        groups.forEach((name, members) -> chart.addSeries(name,
                members.stream().mapToDouble(i -> projected[i][0]).toArray(),
                members.stream().mapToDouble(i -> projected[i][1]).toArray()));
        return chart;
    }

    private static Figure klBars(double[] klByDim) {
        CategoryChart chart = Charts.bars("KL per latent dimension", "dimension", "KL (nats)", Charts.WIDTH,
                Charts.HEIGHT);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("test", IntStream.range(0, klByDim.length).boxed().toList(),
                java.util.Arrays.stream(klByDim).boxed().toList());
        return Figure.of("Mean KL of each latent dimension's posterior from the prior, on the test split: "
                + "dimensions near 0 are unused.", chart);
    }

    /** Test-split KL per dimension of the model (the evaluation's kl_dim rows); zeros where missing. */
    private static double[] klByDim(List<Metric> metrics, String model, int latentDim) {
        double[] kl = new double[latentDim];
        for (Metric m : metrics) {
            if (m.model().equals(model) && m.metric().equals("kl_dim") && Splits.TEST.equals(m.split())
                    && m.epoch() == null && m.dim() != null && m.dim() < latentDim) {
                kl[m.dim()] = m.value();
            }
        }
        return kl;
    }
}
