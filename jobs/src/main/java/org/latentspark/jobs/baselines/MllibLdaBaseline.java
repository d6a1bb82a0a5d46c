package org.latentspark.jobs.baselines;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.metrics.text.MixtureTopics;
import org.latentspark.common.metrics.text.Perplexity;

/**
 * The LDA baseline of the text models (Blei, Ng and Jordan, "Latent Dirichlet allocation", JMLR 2003): Spark
 * ML's {@link LDA} fitted by online variational Bayes (Hoffman, Blei and Bach, NIPS 2010) on the same training
 * documents, and exposed through the text metrics' abstractions so that it is scored exactly as the neural
 * topic model is: its topics as a {@link MixtureTopics}, its inferred θ for any documents, and the
 * document-completion perplexity sum computed by the same {@link Perplexity} definition.
 *
 * <p>Documents are rows with columns {@value DocumentVectors#INDICES} and {@value DocumentVectors#COUNTS}
 * (array&lt;int&gt;) over a vocabulary of V words; other columns pass through {@link #inferTopics}.
 */
public final class MllibLdaBaseline {
    /** The baseline's name in the evaluation table's model column. */
    public static final String NAME = "mllib_lda";
    /** The column of topic proportions that {@link #inferTopics} adds, array&lt;double&gt;. */
    public static final String THETA = "theta";

    private static final String FEATURES = "features";
    private static final String EVALUATED = "evaluated";
    private static final String DISTRIBUTION = "topicDistribution";

    private final LDAModel model;
    private final MixtureTopics topics;
    private final int vocabularySize;
    private final double trainingSeconds;

    private MllibLdaBaseline(LDAModel model, MixtureTopics topics, int vocabularySize, double trainingSeconds) {
        this.model = model;
        this.topics = topics;
        this.vocabularySize = vocabularySize;
        this.trainingSeconds = trainingSeconds;
    }

    /** Fits LDA on {@code training} (documents over V = {@code vocabularySize} words). */
    public static MllibLdaBaseline fit(Dataset<Row> training, int vocabularySize, LdaSettings settings) {
        DocumentVectors.checkSchema(training.schema());
        Dataset<Row> features = training
                .select(DocumentVectors.whole(vocabularySize)
                        .apply(col(DocumentVectors.INDICES), col(DocumentVectors.COUNTS)).as(FEATURES))
                .cache();
        try {
            // materialised first, so that the timing is the optimizer's, not the shards' reading
            features.count();
            LDA lda = new LDA().setOptimizer("online").setFeaturesCol(FEATURES).setTopicDistributionCol(DISTRIBUTION)
                    .setK(settings.topics()).setMaxIter(settings.maxIterations()).setSeed(settings.seed())
                    .setSubsamplingRate(settings.subsamplingRate())
                    .setLearningOffset(settings.learningOffset());
            if (settings.docConcentration() > 0.0) {
                lda.setDocConcentration(settings.docConcentration());
            }
            if (settings.topicConcentration() > 0.0) {
                lda.setTopicConcentration(settings.topicConcentration());
            }
            long start = System.nanoTime();
            LDAModel model = lda.fit(features);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new MllibLdaBaseline(model, new MixtureTopics(topicWordMeans(model.topicsMatrix())), vocabularySize,
                    seconds);
        } finally {
            features.unpersist();
        }
    }

    /**
     * β (K × V): each topic's row of Spark's {@code topicsMatrix} (V × K; for the online optimizer the
     * variational Dirichlet parameters λ_k) divided by its sum, the posterior mean of the topic.
     */
    static double[][] topicWordMeans(Matrix topicsMatrix) {
        int v = topicsMatrix.numRows();
        int k = topicsMatrix.numCols();
        double[][] beta = new double[k][v];
        for (int t = 0; t < k; t++) {
            double sum = 0.0;
            for (int w = 0; w < v; w++) {
                beta[t][w] = topicsMatrix.apply(w, t);
                sum += beta[t][w];
            }
            for (int w = 0; w < v; w++) {
                beta[t][w] /= sum;
            }
        }
        return beta;
    }

    /** The topics as word distributions β, for the text metrics. */
    public MixtureTopics topics() {
        return topics;
    }

    /** Seconds the optimizer took to fit (wall time, excluding preparing the input). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** The fitted Spark model, e.g. to save it or for its log-likelihood bounds. */
    public LDAModel model() {
        return model;
    }

    /**
     * {@code documents} with a column {@value #THETA} (array&lt;double&gt;, K values) of the topic proportions
     * that Spark's variational inference gives each document (the mean of its variational Dirichlet).
     */
    public Dataset<Row> inferTopics(Dataset<Row> documents) {
        DocumentVectors.checkSchema(documents.schema());
        Dataset<Row> withFeatures = documents.withColumn(FEATURES, DocumentVectors.whole(vocabularySize)
                .apply(col(DocumentVectors.INDICES), col(DocumentVectors.COUNTS)));
        return model.transform(withFeatures)
                .withColumn(THETA, functions.vector_to_array(col(DISTRIBUTION), "float64"))
                .drop(FEATURES, DISTRIBUTION);
    }

    /**
     * The document-completion perplexity sum over {@code heldOut}: each document is split
     * ({@link org.latentspark.common.metrics.text.DocumentCompletion}), θ is inferred from the observed half,
     * and the evaluated half is scored under Σ_k θ_k β_k. Call {@link Perplexity.Sum#perplexity()} on it.
     */
    public Perplexity.Sum documentCompletion(Dataset<Row> heldOut) {
        DocumentVectors.checkSchema(heldOut.schema());
        Dataset<Row> halves = heldOut.select(
                DocumentVectors.observedHalf(vocabularySize)
                        .apply(col(DocumentVectors.INDICES), col(DocumentVectors.COUNTS)).as(FEATURES),
                DocumentVectors.evaluatedHalf(vocabularySize)
                        .apply(col(DocumentVectors.INDICES), col(DocumentVectors.COUNTS)).as(EVALUATED));
        Broadcast<MixtureTopics> beta = JavaSparkContext.fromSparkContext(heldOut.sparkSession().sparkContext())
                .broadcast(topics);
        try {
            return model.transform(halves).select(DISTRIBUTION, EVALUATED).javaRDD()
                    .map(row -> Perplexity.document(beta.value(), row.<Vector>getAs(0).toArray(),
                            DocumentVectors.document(row.<Vector>getAs(1))))
                    .fold(Perplexity.Sum.ZERO, Perplexity.Sum::plus);
        } finally {
            beta.destroy();
        }
    }
}
