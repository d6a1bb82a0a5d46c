package org.latentspark.jobs.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.metrics.text.DocumentCompletion;
import org.latentspark.common.metrics.text.MixtureTopics;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.metrics.text.TopicRecovery;
import org.latentspark.jobs.TestSpark;

/**
 * LDA on a simulated corpus with known topics: 3 topics over 30 words, each putting 95% of its mass on its own
 * 10 words; documents of 60 tokens with topic proportions drawn from a sparse Dirichlet.
 */
class MllibLdaBaselineTest {
    private static final int V = 30;
    private static final int K = 3;
    private static final int LENGTH = 60;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("indices", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("counts", DataTypes.createArrayType(DataTypes.IntegerType));

    private static SparkSession spark;
    private static double[][] truth;

    @BeforeAll
    static void start() {
        spark = TestSpark.start("mllib-lda-test");
        truth = new double[K][V];
        for (int k = 0; k < K; k++) {
            for (int w = 0; w < V; w++) {
                truth[k][w] = w / 10 == k ? 0.95 / 10 : 0.05 / 20;
            }
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void recoversSimulatedTopicsAndScoresHeldOutDocuments() {
        Random random = new Random(3);
        List<double[]> trainTheta = new ArrayList<>();
        List<double[]> testTheta = new ArrayList<>();
        Dataset<Row> training = corpus(300, random, trainTheta);
        Dataset<Row> heldOut = corpus(60, random, testTheta);

        MllibLdaBaseline lda = MllibLdaBaseline.fit(training, V, new LdaSettings(K, 25, 7, 0, 0, 1.0, 1));

        TopicRecovery recovery = TopicRecovery.match(lda.topics().topicWordDistributions(), truth);
        assertTrue(recovery.mean() > 0.8, "topic recovery " + Arrays.toString(recovery.similarities()));
        assertTrue(lda.trainingSeconds() > 0);

        // the same perplexity definition for the true model with the true θ: LDA, inferring θ from half of each
        // document, must come close to it and far below a uniform guess (V = 30)
        double ldaPerplexity = lda.documentCompletion(heldOut).perplexity();
        double oraclePerplexity = oracle(heldOut, testTheta).perplexity();
        assertTrue(ldaPerplexity < 1.25 * oraclePerplexity,
                "LDA perplexity " + ldaPerplexity + ", the true model's " + oraclePerplexity);

        List<Row> inferred = lda.inferTopics(heldOut).select("id", MllibLdaBaseline.THETA).collectAsList();
        assertEquals(60, inferred.size());
        // a document mostly (> 70%) about one topic has most of its inferred θ on the matched learned topic
        for (Row row : inferred) {
            int doc = Integer.parseInt(row.getString(0));
            List<Double> theta = row.getList(1);
            int trueTopic = argmax(testTheta.get(doc));
            if (testTheta.get(doc)[trueTopic] <= 0.7) {
                continue;
            }
            int learned = recovery.learnedTopicOf(trueTopic);
            assertEquals(learned, argmax(theta.stream().mapToDouble(Double::doubleValue).toArray()), "document " + doc);
        }
    }

    @Test
    void rejectsDocumentsWithoutTheBagOfWordsColumns() {
        Dataset<Row> wrong = spark.createDataFrame(List.of(RowFactory.create("a", List.of(1), List.of(1))), SCHEMA)
                .withColumnRenamed("counts", "count");
        UserInputException e = assertThrows(UserInputException.class,
                () -> MllibLdaBaseline.fit(wrong, V, new LdaSettings(K, 1, 7, 0, 0, 1.0, 10)));
        assertEquals("documents have no column 'counts' (array<int>); columns: id, indices, count", e.getMessage());
        Dataset<Row> typed = spark.createDataFrame(List.of(RowFactory.create("a", List.of(1), List.of(1))), SCHEMA)
                .withColumn("counts", org.apache.spark.sql.functions.lit("x"));
        e = assertThrows(UserInputException.class,
                () -> MllibLdaBaseline.fit(typed, V, new LdaSettings(K, 1, 7, 0, 0, 1.0, 10)));
        assertEquals("documents' column 'counts' is string, expected array<int>", e.getMessage());
        assertEquals("subsamplingRate is 0.0, expected a value in (0, 1]", assertThrows(
                IllegalArgumentException.class, () -> new LdaSettings(K, 1, 7, 0, 0, 0.0, 10)).getMessage());
    }

    private static Perplexity.Sum oracle(Dataset<Row> heldOut, List<double[]> theta) {
        MixtureTopics trueModel = new MixtureTopics(truth);
        Perplexity.Sum sum = Perplexity.Sum.ZERO;
        for (Row row : heldOut.collectAsList()) {
            int doc = Integer.parseInt(row.getString(0));
            BagOfWords bag = BagOfWords.of(ints(row.getList(1)), ints(row.getList(2)), V);
            sum = sum.plus(Perplexity.document(trueModel, theta.get(doc), DocumentCompletion.split(bag).evaluated()));
        }
        return sum;
    }

    private static Dataset<Row> corpus(int documents, Random random, List<double[]> thetas) {
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            double[] theta = dirichlet(random);
            thetas.add(theta);
            int[] counts = new int[V];
            for (int n = 0; n < LENGTH; n++) {
                counts[draw(truth[draw(theta, random)], random)]++;
            }
            List<Integer> indices = new ArrayList<>();
            List<Integer> nonZero = new ArrayList<>();
            for (int w = 0; w < V; w++) {
                if (counts[w] > 0) {
                    indices.add(w);
                    nonZero.add(counts[w]);
                }
            }
            rows.add(RowFactory.create(Integer.toString(d), indices, nonZero));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** θ ~ Dirichlet(α = 0.3): documents spread over the simplex, so the topics are identifiable. */
    private static double[] dirichlet(Random random) {
        GammaDistribution gamma = new GammaDistribution(new Well19937c(random.nextLong()), 0.3, 1.0);
        double[] theta = gamma.sample(K);
        double sum = Arrays.stream(theta).sum();
        for (int k = 0; k < K; k++) {
            theta[k] /= sum;
        }
        return theta;
    }

    private static int draw(double[] p, Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < p.length - 1; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
