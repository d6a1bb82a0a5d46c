package org.latentspark.common.schema;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of text documents as readers produce them, of bag-of-words records and shards, and of the tables a text
 * dataset keeps beside its shards (its vocabulary and, for simulated corpora, the true topics).
 */
public final class TextSchema {
    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String SPLIT = "split";
    public static final String INDICES = "indices";
    public static final String COUNTS = "counts";
    public static final String LENGTH = "length";
    public static final String TRUE_THETA = "true_theta";
    public static final String INDEX = "index";
    public static final String TERM = "term";
    public static final String DOC_FREQ = "doc_freq";
    public static final String TOPIC = "topic";
    public static final String PROBABILITY = "probability";

    /**
     * Sub-directories of datasets/&lt;name&gt;/ holding the vocabulary and the true topics. The leading underscore
     * makes Spark, pandas and pyarrow skip them when they read the dataset directory as a table of shards.
     */
    public static final String VOCABULARY_DIR = "_vocabulary";
    public static final String TRUE_TOPICS_DIR = "_true_topics";

    /** What a text reader yields: one row per document. */
    public static final StructType DOCUMENT = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(TEXT, DataTypes.StringType, false);

    /**
     * One document as a bag of words: the vocabulary indices it contains, ascending, each with its count;
     * length is the number of tokens kept (the sum of counts). true_theta holds the topic proportions that
     * generated it when they are known (simulated corpora), else null.
     */
    public static final StructType RECORD = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(INDICES, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(COUNTS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(LENGTH, DataTypes.IntegerType, false)
            .add(TRUE_THETA, DataTypes.createArrayType(DataTypes.FloatType, false), true);

    /** What a shard holds: the record plus its split (train, validation or test). */
    public static final StructType SHARD = RECORD.add(SPLIT, DataTypes.StringType, false);

    /** The vocabulary, one row per term; doc_freq counts the training documents containing the term. */
    public static final StructType VOCABULARY = new StructType()
            .add(INDEX, DataTypes.IntegerType, false)
            .add(TERM, DataTypes.StringType, false)
            .add(DOC_FREQ, DataTypes.LongType, false);

    /** The topic-word distributions that generated a simulated corpus, keyed by word: P(term | topic). */
    public static final StructType TRUE_TOPICS = new StructType()
            .add(TOPIC, DataTypes.IntegerType, false)
            .add(TERM, DataTypes.StringType, false)
            .add(PROBABILITY, DataTypes.DoubleType, false);

    private TextSchema() {
    }
}
