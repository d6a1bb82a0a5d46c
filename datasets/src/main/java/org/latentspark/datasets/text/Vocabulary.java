package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.latentspark.common.UserInputException;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.sharding.Splits;

/**
 * Turns documents into bags of words with Spark ML's own stages: {@code RegexTokenizer} (lower case, a pattern
 * matching the gaps between tokens, a minimum token length), {@code StopWordsRemover} (Spark's English list plus
 * extra words) and {@code CountVectorizerModel} (applying the vocabulary); the vocabulary itself (document-frequency
 * bounds and a maximum size, as Spark's {@code CountVectorizer} has them) is chosen here, with its ties broken by term.
 *
 * <p>The vocabulary is fitted on the train split only, so that validation and test documents stay unseen, and
 * then applied to every document; words outside it are dropped. Splits are assigned as
 * {@link org.latentspark.datasets.sharding.ShardWriter} assigns them, by {@link Splits#assign} of the id with the
 * same seed and fractions, so that the split a document's vocabulary was fitted on is the split it is sharded into.
 * Documents left with no token are dropped and counted. Terms are indexed by descending count in the training
 * documents, ties by term, so that indices do not depend on partitioning.
 */
public final class Vocabulary {
    private static final String TOKENS = "tokens";
    private static final String FEATURES = "features";
    private final Settings settings;
    private final long seed;
    private final double validationFraction;
    private final double testFraction;

    /**
     * How text becomes tokens and which tokens become terms.
     *
     * @param tokenPattern   regular expression matching what lies between tokens (RegexTokenizer with gaps),
     *                       applied to the lower-cased text
     * @param minTokenLength shorter tokens are dropped
     * @param extraStopWords dropped besides Spark's English stop words; compared ignoring case
     * @param minDf          a term must occur in at least this many training documents, or this fraction of them
     *                       when below 1
     * @param maxDf          and in at most this fraction of them when at most 1 (1: no limit), or this many when
     *                       above 1
     * @param maxSize        at most this many terms, the most frequent in the training documents
     */
    public record Settings(String tokenPattern, int minTokenLength, List<String> extraStopWords, double minDf,
                           double maxDf, int maxSize) {
        /**
         * Gaps are markup tags, character entities, URLs, e-mail addresses, numbers standing alone and runs of
         * anything but letters and digits; tokens are then words, possibly with digits ({@code mp3},
         * {@code w0042}), but never bare numbers. The catch-all run stops before {@code <} and {@code &} so that a
         * tag or entity after a space is matched whole. Possessive quantifiers keep matching linear on long runs
         * without spaces (base64, URLs).
         */
        public static final String DEFAULT_TOKEN_PATTERN = "(?U)(?:<[^<>]*+>|&#?\\w{1,10}+;"
                + "|(?:https?|ftp)://\\S++|www\\.\\S++|[\\w.+-]{1,64}+@[\\w-]++(?:\\.[\\w-]++)*+"
                + "|\\b\\p{N}++\\b|[^\\p{L}\\p{N}<&]++|[<&])++";

        public Settings {
            extraStopWords = List.copyOf(extraStopWords);
            try {
                Pattern.compile(tokenPattern);
            } catch (PatternSyntaxException e) {
                throw new UserInputException("dataset.text.token-pattern is not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            if (minTokenLength < 1) {
                throw new UserInputException("dataset.text.min-token-length must be at least 1, got " + minTokenLength);
            }
            if (!(minDf >= 0)) {
                throw new UserInputException("dataset.text.min-df must not be negative, got " + minDf);
            }
            if (!(maxDf > 0)) {
                throw new UserInputException("dataset.text.max-df must be positive, got " + maxDf);
            }
            if (maxSize < 1) {
                throw new UserInputException("dataset.text.vocabulary-size must be at least 1, got " + maxSize);
            }
        }

        /**
         * Defaults: the default pattern, tokens of 3 characters or more, no extra stop words, terms in at least 5
         * training documents, no upper bound, at most 10,000 terms.
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_TOKEN_PATTERN, 3, List.of(), 5, 1.0, 10_000);
        }

        /** The settings as JSON, for a dataset's source description (equal settings make equal datasets). */
        public ObjectNode describe() {
            ObjectNode doc = Json.object();
            doc.put("token_pattern", tokenPattern);
            doc.put("min_token_length", minTokenLength);
            ArrayNode extra = doc.putArray("extra_stop_words");
            extraStopWords.forEach(extra::add);
            doc.put("min_df", minDf);
            doc.put("max_df", maxDf);
            doc.put("vocabulary_size", maxSize);
            return doc;
        }
    }

    /**
     * A fitted vocabulary and the documents as bags of words. The records are cached (memory and disk), so that
     * writing them does not read and tokenize the corpus again: close the result once they are written.
     *
     * @param vocabulary     the fitted vocabulary
     * @param records        the documents as TextSchema.RECORD rows, without those left empty
     * @param documents      documents read, empty or not
     * @param emptyDocuments documents dropped because no token of theirs is in the vocabulary
     */
    public record Result(TextVocabulary vocabulary, Dataset<Row> records, long documents, long emptyDocuments)
            implements AutoCloseable {
        /** Releases the cached records. */
        @Override
        public void close() {
            records.unpersist();
        }
    }

    /** The split settings must be those the dataset is sharded with. */
    public Vocabulary(Settings settings, long seed, double validationFraction, double testFraction) {
        this.settings = settings;
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.testFraction = testFraction;
    }

    /**
     * Fits the vocabulary on the training documents and applies it to all. The documents are read once: their
     * tokens are cached while the vocabulary is fitted and applied.
     *
     * @param documents id and text columns (TextSchema.DOCUMENT), and optionally true_theta, which is kept
     * @param corpus    where the documents come from (the input path), named by the errors
     */
    public Result fit(Dataset<Row> documents, String corpus) {
        Dataset<Row> withSplit = documents.select(col(TextSchema.ID), col(TextSchema.TEXT),
                        Arrays.asList(documents.columns()).contains(TextSchema.TRUE_THETA) ? col(TextSchema.TRUE_THETA)
                                : lit(null).cast(TextSchema.RECORD.apply(TextSchema.TRUE_THETA).dataType())
                                .as(TextSchema.TRUE_THETA))
                .withColumn(TextSchema.SPLIT, Splits.assign(col(TextSchema.ID), seed, validationFraction, testFraction));
        Dataset<Row> tokens = tokens(withSplit)
                .select(TextSchema.ID, TextSchema.TRUE_THETA, TextSchema.SPLIT, TOKENS)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long[] perSplit = countPerSplit(tokens);
            long total = perSplit[0] + perSplit[1] + perSplit[2];
            if (total == 0) {
                throw new UserInputException("the corpus is empty: " + corpus + " yielded no documents");
            }
            long train = perSplit[0];
            if (train == 0) {
                throw new UserInputException("none of the " + total + " documents of " + corpus
                        + " fell in the train split: lower "
                        + "dataset.split.validation (" + validationFraction + ") or dataset.split.test ("
                        + testFraction + ")");
            }
            Dataset<Row> trainTokens = tokens.where(col(TextSchema.SPLIT).equalTo(Splits.TRAIN));
            TextVocabulary vocabulary = select(trainTokens, train, corpus);
            CountVectorizerModel model = new CountVectorizerModel(vocabulary.terms().toArray(new String[0]))
                    .setInputCol(TOKENS).setOutputCol(FEATURES);
            Dataset<Row> records = bagsOfWords(model.transform(tokens))
                    .where(col(TextSchema.LENGTH).gt(0))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            long kept = records.count();
            return new Result(vocabulary, records, total, total - kept);
        } finally {
            tokens.unpersist();
        }
    }

    /**
     * The vocabulary: the training documents' terms within the document-frequency bounds, the most frequent first
     * (by count of tokens, as Spark's CountVectorizer ranks them), ties by term, at most dataset.text.vocabulary-size
     * of them. Spark's CountVectorizer breaks ties at the size cut by partitioning, so which of the tied terms made
     * the vocabulary changed from run to run, and with it every model trained on it.
     */
    private TextVocabulary select(Dataset<Row> trainTokens, long trainDocuments, String corpus) {
        double minDocs = Math.max(1, settings.minDf() < 1 ? settings.minDf() * trainDocuments : settings.minDf());
        double maxDocs = settings.maxDf() <= 1 ? settings.maxDf() * trainDocuments : settings.maxDf();
        if (maxDocs < minDocs) {
            throw emptyVocabulary(trainDocuments, corpus, "dataset.text.max-df admits terms in at most " + maxDocs
                    + " documents, dataset.text.min-df requires at least " + minDocs);
        }
        String term = "term";
        String tokens = "tokens";
        String documents = "documents";
        List<Row> rows = trainTokens.select(col(TextSchema.ID), explode(col(TOKENS)).as(term))
                .groupBy(col(TextSchema.ID), col(term)).count()
                .groupBy(col(term))
                .agg(sum(col("count")).cast(DataTypes.LongType).as(tokens), count(lit(1)).as(documents))
                .where(col(documents).geq(minDocs).and(col(documents).leq(maxDocs)))
                .orderBy(col(tokens).desc(), col(term).asc())
                .limit(settings.maxSize())
                .collectAsList();
        if (rows.isEmpty()) {
            throw emptyVocabulary(trainDocuments, corpus, null);
        }
        List<String> terms = new ArrayList<>(rows.size());
        long[] docFreq = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            terms.add(rows.get(i).getString(0));
            docFreq[i] = rows.get(i).getLong(2);
        }
        return new TextVocabulary(terms, docFreq);
    }

    /** Documents per split: train, validation, test. */
    private static long[] countPerSplit(Dataset<Row> docs) {
        long[] counts = new long[3];
        for (Row row : docs.groupBy(TextSchema.SPLIT).count().collectAsList()) {
            counts[Splits.ALL.indexOf(row.getString(0))] = row.getLong(1);
        }
        return counts;
    }

    private Dataset<Row> tokens(Dataset<Row> docs) {
        RegexTokenizer tokenizer = new RegexTokenizer()
                .setInputCol(TextSchema.TEXT).setOutputCol("raw_tokens")
                .setPattern(settings.tokenPattern()).setGaps(true)
                .setToLowercase(true)
                .setMinTokenLength(settings.minTokenLength());
        Set<String> stopWords = new LinkedHashSet<>(Arrays.asList(StopWordsRemover.loadDefaultStopWords("english")));
        settings.extraStopWords().forEach(w -> stopWords.add(w.toLowerCase(Locale.ROOT)));
        StopWordsRemover remover = new StopWordsRemover()
                .setInputCol("raw_tokens").setOutputCol(TOKENS)
                .setStopWords(stopWords.toArray(new String[0]))
                .setCaseSensitive(false);
        return remover.transform(tokenizer.transform(docs));
    }

    private UserInputException emptyVocabulary(long trainDocuments, String corpus, String detail) {
        return new UserInputException("the vocabulary is empty: no token of the " + trainDocuments
                + " training documents of " + corpus + " passes dataset.text.min-token-length = "
                + settings.minTokenLength()
                + ", the stop words, dataset.text.min-df = " + settings.minDf() + " and dataset.text.max-df = "
                + settings.maxDf() + (detail == null ? "" : " (" + detail + ")")
                + "; lower min-df or min-token-length, raise max-df, or check dataset.text.token-pattern and the texts");
    }

    /** The counted tokens as TextSchema.RECORD rows. */
    private static Dataset<Row> bagsOfWords(Dataset<Row> counted) {
        MapFunction<Row, Row> toRecord = row -> {
            SparseVector vector = ((Vector) row.get(1)).toSparse();
            int[] counts = new int[vector.indices().length];
            int length = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = (int) vector.values()[i];
                length += counts[i];
            }
            return RowFactory.create(row.getString(0), vector.indices(), counts, length, row.get(2));
        };
        return counted.select(TextSchema.ID, FEATURES, TextSchema.TRUE_THETA)
                .map(toRecord, Encoders.row(TextSchema.RECORD));
    }
}
