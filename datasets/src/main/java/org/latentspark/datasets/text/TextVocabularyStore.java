package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;

/**
 * A text dataset's vocabulary, kept inside the dataset as Parquet (datasets/&lt;name&gt;/_vocabulary/, columns of
 * TextSchema.VOCABULARY), so that topics and bags of words can be read back as words.
 */
public final class TextVocabularyStore {
    private TextVocabularyStore() {
    }

    /** Writes the vocabulary into {@code datasetDir} (a dataset's staging directory, before it is published). */
    public static void write(SparkSession spark, String datasetDir, TextVocabulary vocabulary) {
        List<Row> rows = new ArrayList<>(vocabulary.size());
        for (int i = 0; i < vocabulary.size(); i++) {
            rows.add(RowFactory.create(i, vocabulary.terms().get(i), vocabulary.documentFrequencies()[i]));
        }
        spark.createDataFrame(rows, TextSchema.VOCABULARY).coalesce(1).write()
                .parquet(datasetDir + "/" + TextSchema.VOCABULARY_DIR);
    }

    /** Reads the vocabulary of the dataset at {@code datasetDir}, checking that its indices are 0 … size − 1. */
    public static TextVocabulary read(SparkSession spark, String datasetDir) {
        String dir = datasetDir + "/" + TextSchema.VOCABULARY_DIR;
        Dataset<Row> table;
        try {
            table = spark.read().parquet(dir);
        } catch (Exception e) {
            throw new UserInputException("no readable vocabulary at " + dir + ": " + e.getMessage(), e);
        }
        for (StructField expected : TextSchema.VOCABULARY.fields()) {
            if (!List.of(table.schema().fieldNames()).contains(expected.name())
                    || !table.schema().apply(expected.name()).dataType().sameType(expected.dataType())) {
                throw new UserInputException("vocabulary at " + dir + " lacks column '" + expected.name() + "' ("
                        + expected.dataType().simpleString() + ")");
            }
        }
        List<Row> rows = table.select(TextSchema.INDEX, TextSchema.TERM, TextSchema.DOC_FREQ)
                .orderBy(col(TextSchema.INDEX)).collectAsList();
        List<String> terms = new ArrayList<>(rows.size());
        long[] docFreq = new long[rows.size()];
        for (Row row : rows) {
            if (row.getInt(0) != terms.size()) {
                throw new UserInputException("vocabulary at " + dir + " has index " + row.getInt(0) + " where "
                        + terms.size() + " was expected: indices must be 0 to " + (rows.size() - 1) + ", each once");
            }
            docFreq[terms.size()] = row.getLong(2);
            terms.add(row.getString(1));
        }
        return new TextVocabulary(terms, docFreq);
    }
}
