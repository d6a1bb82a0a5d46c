package org.latentspark.datasets.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.TextSchema;

/**
 * A corpus drawn from the generative process of latent Dirichlet allocation (Blei, Ng and Jordan 2003, "Latent
 * Dirichlet allocation", JMLR 3), with known topics, for measuring how well a model recovers them. K topics over V
 * synthetic words ({@code w0000}, {@code w0001}, …): each topic is a distribution over the words drawn from a
 * symmetric Dirichlet(beta), sparse for beta well below 1. Each document draws its topic proportions theta from a
 * symmetric Dirichlet(alpha) and its length from Poisson(mean length) (at least 1); each of its words draws a topic
 * from theta, then a word from that topic.
 *
 * <p>Documents are texts, words joined by spaces, so that they go through the same tokenizer and vocabulary as
 * real corpora; each keeps the theta that generated it (true_theta). The topics depend only on the seed, and each
 * document only on the seed and its index, not on partitioning. Ids are {@code doc-0000042}.
 */
public final class LdaCorpusSimulator implements TextSource {
    /** Columns of the documents: TextSchema.DOCUMENT plus the true topic proportions. */
    public static final StructType SCHEMA = TextSchema.DOCUMENT
            .add(TextSchema.TRUE_THETA, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    private static final int POISSON_MAX_ITERATIONS = 10_000_000;

    private final long documents;
    private final double meanLength;
    private final double alpha;
    private final double beta;
    private final long seed;
    private final TrueTopics topics;

    /**
     * @param documents      number of documents
     * @param topics         K, at least 1
     * @param vocabularySize V, at least 1
     * @param meanLength     mean of the Poisson document length, positive
     * @param alpha          Dirichlet concentration of each topic in a document's proportions, positive
     * @param beta           Dirichlet concentration of each word in a topic, positive
     * @param seed           determines the topics and, with its index, every document
     */
    public LdaCorpusSimulator(long documents, int topics, int vocabularySize, double meanLength, double alpha,
                              double beta, long seed) {
        require(documents >= 0, "documents", "must not be negative", documents);
        require(topics >= 1, "topics", "must be at least 1", topics);
        require(vocabularySize >= 1, "vocabulary-size", "must be at least 1", vocabularySize);
        require(meanLength > 0, "mean-length", "must be positive", meanLength);
        require(alpha > 0, "alpha", "must be positive", alpha);
        require(beta > 0, "beta", "must be positive", beta);
        this.documents = documents;
        this.meanLength = meanLength;
        this.alpha = alpha;
        this.beta = beta;
        this.seed = seed;
        this.topics = drawTopics(topics, vocabularySize, seed, beta);
    }

    /** The topic-word distributions the documents are drawn from. */
    public TrueTopics trueTopics() {
        return topics;
    }

    /** The settings as JSON, for a dataset's source description. */
    public ObjectNode describe() {
        ObjectNode doc = Json.object();
        doc.put("format", "lda-sim");
        doc.put("documents", documents);
        doc.put("topics", topics.topics());
        doc.put("vocabulary_size", topics.terms().size());
        doc.put("mean_length", meanLength);
        doc.put("alpha", alpha);
        doc.put("beta", beta);
        doc.put("seed", seed);
        return doc;
    }

    /** Documents with the columns of {@link #SCHEMA}. */
    @Override
    public Dataset<Row> read(SparkSession spark) {
        double[][] cumulative = new double[topics.topics()][];
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] = cumulative(topics.probabilities()[k]);
        }
        Broadcast<double[][]> topicCdf = new JavaSparkContext(spark.sparkContext()).broadcast(cumulative);
        // Locals, so that the task closure does not capture this simulator, which is not serializable.
        String[] words = topics.terms().toArray(new String[0]);
        double meanLength = this.meanLength;
        double alpha = this.alpha;
        long seed = this.seed;
        MapFunction<Long, Row> draw = index -> document(index, seed, alpha, meanLength, topicCdf.value(), words);
        return spark.range(documents).map(draw, Encoders.row(SCHEMA));
    }

    static Row document(long index, long seed, double alpha, double meanLength, double[][] topicCdf, String[] words) {
        RandomGenerator random = new Well19937c(stream(seed, index));
        double[] theta = Dirichlet.sample(alpha, topicCdf.length, random);
        int length = Math.max(1, new PoissonDistribution(random, meanLength, PoissonDistribution.DEFAULT_EPSILON,
                POISSON_MAX_ITERATIONS).sample());
        double[] thetaCdf = cumulative(theta);
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < length; n++) {
            int topic = draw(thetaCdf, random.nextDouble());
            if (n > 0) {
                text.append(' ');
            }
            text.append(words[draw(topicCdf[topic], random.nextDouble())]);
        }
        float[] trueTheta = new float[theta.length];
        for (int k = 0; k < theta.length; k++) {
            trueTheta[k] = (float) theta[k];
        }
        return RowFactory.create(String.format("doc-%07d", index), text.toString(), trueTheta);
    }

    private static TrueTopics drawTopics(int topics, int vocabularySize, long seed, double beta) {
        // Stream −1: documents use streams 0, 1, 2, …
        RandomGenerator random = new Well19937c(stream(seed, -1));
        double[][] probabilities = new double[topics][];
        for (int k = 0; k < topics; k++) {
            probabilities[k] = Dirichlet.sample(beta, vocabularySize, random);
        }
        int digits = Math.max(4, String.valueOf(vocabularySize - 1).length());
        List<String> words = new ArrayList<>(vocabularySize);
        for (int w = 0; w < vocabularySize; w++) {
            words.add("w" + String.format("%0" + digits + "d", w));
        }
        return new TrueTopics(words, probabilities);
    }

    /** Cumulative sums, the last set to exactly 1 so that every draw in [0, 1) lands. */
    static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            c[i] = sum;
        }
        c[c.length - 1] = 1;
        return c;
    }

    /** The index i with cdf[i − 1] ≤ u &lt; cdf[i]: a draw from the distribution, for u uniform in [0, 1). */
    static int draw(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        // Found exactly: u = cdf[i] belongs to the next index (skipping zero-probability ones, whose cdf repeats).
        if (i >= 0) {
            while (i < cdf.length - 1 && cdf[i] <= u) {
                i++;
            }
            return i;
        }
        return -i - 1;
    }

    /** A seed for random stream {@code index} of {@code seed}; mix64 decorrelates nearby seeds. */
    private static long stream(long seed, long index) {
        return mix64(mix64(seed) + index);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new UserInputException("dataset.lda-sim." + key + " " + rule + ", got " + value);
        }
    }
}
