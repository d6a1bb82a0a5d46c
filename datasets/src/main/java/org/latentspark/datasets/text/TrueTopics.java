package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;

/**
 * The topic-word distributions that generated a simulated corpus, keyed by word so that they can be compared with
 * a model's topics over the dataset's vocabulary (which may have dropped rare words). Kept inside the dataset as
 * Parquet (datasets/&lt;name&gt;/_true_topics/, columns of TextSchema.TRUE_TOPICS).
 *
 * @param terms         the words, in the column order of {@code probabilities}
 * @param probabilities probabilities[k][w] = P(terms[w] | topic k); each row sums to 1
 */
public record TrueTopics(List<String> terms, double[][] probabilities) {
    public TrueTopics {
        terms = List.copyOf(terms);
        for (double[] topic : probabilities) {
            if (topic.length != terms.size()) {
                throw new IllegalArgumentException(terms.size() + " terms but a topic of " + topic.length);
            }
        }
    }

    public int topics() {
        return probabilities.length;
    }

    /** Writes the topics into {@code datasetDir} (a dataset's staging directory, before it is published). */
    public void write(SparkSession spark, String datasetDir) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < probabilities.length; k++) {
            for (int w = 0; w < terms.size(); w++) {
                rows.add(RowFactory.create(k, terms.get(w), probabilities[k][w]));
            }
        }
        spark.createDataFrame(rows, TextSchema.TRUE_TOPICS).coalesce(1).write()
                .parquet(datasetDir + "/" + TextSchema.TRUE_TOPICS_DIR);
    }

    /** Reads the true topics of the dataset at {@code datasetDir}; terms come back in sorted order. */
    public static TrueTopics read(SparkSession spark, String datasetDir) {
        String dir = datasetDir + "/" + TextSchema.TRUE_TOPICS_DIR;
        List<Row> rows;
        try {
            rows = spark.read().parquet(dir).select(col(TextSchema.TOPIC), col(TextSchema.TERM),
                    col(TextSchema.PROBABILITY)).collectAsList();
        } catch (Exception e) {
            throw new UserInputException("no readable true topics at " + dir + ": " + e.getMessage(), e);
        }
        TreeMap<String, Integer> termIndex = new TreeMap<>();
        int topics = 0;
        for (Row row : rows) {
            termIndex.put(row.getString(1), 0);
            topics = Math.max(topics, row.getInt(0) + 1);
        }
        int index = 0;
        for (Map.Entry<String, Integer> entry : termIndex.entrySet()) {
            entry.setValue(index++);
        }
        double[][] probabilities = new double[topics][termIndex.size()];
        for (Row row : rows) {
            probabilities[row.getInt(0)][termIndex.get(row.getString(1))] = row.getDouble(2);
        }
        return new TrueTopics(new ArrayList<>(termIndex.keySet()), probabilities);
    }
}
