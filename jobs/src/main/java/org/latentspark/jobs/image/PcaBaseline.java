package org.latentspark.jobs.image;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.PCAModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.latentspark.common.model.ImageFeatures;
import org.latentspark.common.model.likelihood.BernoulliLikelihood;
import org.latentspark.common.model.likelihood.GaussianLikelihood;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.inference.LatentGeometry;
import org.latentspark.jobs.modality.JobContext;

/**
 * Images' same-run baseline: Spark ML's PCA with the model's latent size, fit on the train split. Its latents are
 * the centred projections z = Pᵀ(x − μ), scored by the same geometry metrics as the model's (active units, spread,
 * probe R² and MIG on data with known factors); its reconstruction μ + P z is scored in the model's likelihood:
 * Bernoulli with the reconstruction clipped into (ε, 1 − ε) as the probabilities, Gaussian with the noise σ fitted
 * to the train split's residuals (probabilistic PCA's maximum-likelihood σ², the mean squared residual per pixel).
 */
final class PcaBaseline {
    static final String MODEL = "pca";
    /** Bernoulli: how far from 0 and 1 the reconstruction is clipped, so that a pixel PCA misses costs ln(1/ε). */
    static final double EPSILON = 1e-3;
    /** Spark's PCA forms the D × D covariance on the driver: 4,096 pixels is 128 MiB of it. */
    static final int MAX_FEATURES = 4096;

    private static final StructType FEATURES = new StructType()
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("x", SQLDataTypes.VectorType(), false);
    private static final StructType SCORES = new StructType()
            .add("split", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("label", DataTypes.IntegerType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("z_mean", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("squared_error", DataTypes.DoubleType, false)
            .add("bernoulli_nll", DataTypes.DoubleType, false);

    private PcaBaseline() {
    }

    /**
     * The baseline's metrics, or none (with a line saying why) where PCA does not apply.
     *
     * @param latents receives the baseline's latents (split, id, label, factors, z_mean as doubles) while they are
     *                cached, to be written
     */
    static List<Metric> metrics(JobContext ctx, Dataset<Row> shards, ImageBatch.Geometry g,
                                Consumer<Dataset<Row>> latents) {
        int d = g.features();
        int k = g.latentDim();
        String likelihood = ctx.config().model().likelihood();
        if (d > MAX_FEATURES || k >= d || !(likelihood.equals(BernoulliLikelihood.NAME)
                || likelihood.equals(GaussianLikelihood.NAME))) {
            ctx.log().accept("pca baseline skipped: it needs at most " + MAX_FEATURES + " pixel values (these "
                    + "images have " + d + "), fewer latents than that, and a bernoulli or gaussian likelihood");
            return List.of();
        }
        Dataset<Row> features = ctx.spark().createDataFrame(shards.toJavaRDD().map(row -> features(row, g)),
                FEATURES).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> train = features.where(col("split").equalTo(Splits.TRAIN));
            PCAModel pca = new PCA().setInputCol("x").setK(k).fit(train);
            double[] mean = ((Vector) train.select(Summarizer.mean(col("x"))).first().get(0)).toArray();
            // Column-major D × k: component j is pc[j * d .. (j + 1) * d).
            Broadcast<double[][]> basis = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext())
                    .broadcast(new double[][] {pca.pc().toArray(), mean});
            JavaRDD<Row> projected = features.toJavaRDD().map(row -> project(row, basis.value(), d, k));
            Dataset<Row> scores = ctx.spark().createDataFrame(projected, SCORES)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                latents.accept(scores.select("split", "id", "label", "factors", "z_mean"));
                return scored(ctx, scores, likelihood, d);
            } finally {
                scores.unpersist();
                basis.destroy();
            }
        } finally {
            features.unpersist();
        }
    }

    private static List<Metric> scored(JobContext ctx, Dataset<Row> scores, String likelihood, int d) {
        Column nll;
        if (likelihood.equals(GaussianLikelihood.NAME)) {
            double sse = scores.where(col("split").equalTo(Splits.TRAIN)).agg(sum("squared_error")).first()
                    .getDouble(0);
            long n = scores.where(col("split").equalTo(Splits.TRAIN)).count();
            double variance = Math.max(sse / ((double) n * d), 1e-12);
            nll = col("squared_error").divide(2 * variance).plus(lit(d * 0.5 * Math.log(2 * Math.PI * variance)));
        } else {
            nll = col("bernoulli_nll");
        }
        List<Metric> metrics = new ArrayList<>();
        for (Row split : scores.groupBy("split").agg(avg(nll)).collectAsList()) {
            metrics.add(new Metric(MODEL, split.getString(0), "reconstruction", null, null, split.getDouble(1)));
        }
        metrics.addAll(new LatentGeometry(ctx.config().evaluate()).metrics(scores, MODEL));
        return metrics;
    }

    private static Row features(Row shard, ImageBatch.Geometry g) {
        float[] x = new float[g.features()];
        ImageFeatures.fill(shard.getAs(ImageSchema.PIXELS), g.height(), g.width(), g.channels(), x, 0);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        return RowFactory.create(shard.getAs(ImageSchema.SPLIT), shard.getAs(ImageSchema.ID),
                shard.getAs(ImageSchema.LABEL), shard.getAs(ImageSchema.FACTORS), new DenseVector(values));
    }

    /** z = Pᵀ(x − μ); the squared error and Bernoulli NLL of x against μ + P z. */
    private static Row project(Row row, double[][] basis, int d, int k) {
        double[] pc = basis[0];
        double[] mean = basis[1];
        double[] x = ((Vector) row.get(4)).toArray();
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += pc[j * d + i] * (x[i] - mean[i]);
            }
            z[j] = dot;
        }
        double squared = 0;
        double bernoulli = 0;
        for (int i = 0; i < d; i++) {
            double reconstruction = mean[i];
            for (int j = 0; j < k; j++) {
                reconstruction += pc[j * d + i] * z[j];
            }
            double error = x[i] - reconstruction;
            squared += error * error;
            double p = Math.min(Math.max(reconstruction, EPSILON), 1 - EPSILON);
            bernoulli -= x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p);
        }
        return RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), z, squared, bernoulli);
    }
}
