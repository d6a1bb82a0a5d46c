package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;
import org.latentspark.datasets.sharding.Splits;

@ExtendWith(SharedSpark.class)
class VocabularyTest {
    private static final String PATTERN = Vocabulary.Settings.DEFAULT_TOKEN_PATTERN;
    private static final String CORPUS = "/data/corpus.jsonl";

    private static Dataset<Row> documents(String... idAndText) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < idAndText.length; i += 2) {
            rows.add(RowFactory.create(idAndText[i], idAndText[i + 1]));
        }
        return SharedSpark.spark().createDataFrame(rows, TextSchema.DOCUMENT);
    }

    /** Every document in the train split. */
    private static Vocabulary.Result fit(Vocabulary.Settings settings, Dataset<Row> documents) {
        return new Vocabulary(settings, 42, 0, 0).fit(documents, CORPUS);
    }

    private static Vocabulary.Settings bounds(double minDf, double maxDf, int size) {
        return new Vocabulary.Settings(PATTERN, 1, List.of(), minDf, maxDf, size);
    }

    private static Map<String, Row> byId(Dataset<Row> records) {
        return records.collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    }

    private static int[] ints(Row row, String column) {
        return row.<Integer>getList(row.fieldIndex(column)).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void tokensAreLowerCaseWordsWithoutMarkupUrlsAddressesNumbersStopWordsOrShortTokens() {
        Dataset<Row> docs = documents(
                "d1", "The cat sat on the mat. Visit http://example.com/cats or <b>www.cats.org</b> in 2002!",
                "d2", "Cats and dogs; the DOG barked 42 times at cat@example.com",
                "d3", "1234 5678 ... !!!",
                "d4", "mp3 players and cats");

        Vocabulary.Result result = fit(new Vocabulary.Settings(PATTERN, 3, List.of(), 1, 1.0, 100), docs);

        // cats twice, then every term once, in alphabetical order.
        assertEquals(List.of("cats", "barked", "cat", "dog", "dogs", "mat", "mp3", "players", "sat", "times", "visit"),
                result.vocabulary().terms());
        assertArrayEquals(new long[] {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, result.vocabulary().documentFrequencies());
        assertEquals(4, result.documents());
        assertEquals(1, result.emptyDocuments(), "d3 has no word left");
        Map<String, Row> records = byId(result.records());
        assertEquals(TextSchema.RECORD, result.records().schema());
        assertEquals(List.of("d1", "d2", "d4"), records.keySet().stream().sorted().toList());
        assertArrayEquals(new int[] {2, 5, 8, 10}, ints(records.get("d1"), TextSchema.INDICES));
        assertArrayEquals(new int[] {1, 1, 1, 1}, ints(records.get("d1"), TextSchema.COUNTS));
        assertEquals(4, records.get("d1").<Integer>getAs(TextSchema.LENGTH));
        assertArrayEquals(new int[] {0, 1, 3, 4, 9}, ints(records.get("d2"), TextSchema.INDICES));
        assertTrue(records.get("d2").isNullAt(4), "no true_theta for read documents");
    }

    @Test
    void tagsAndEntitiesAfterSpacesAreGapsWhole() {
        Vocabulary.Result result = fit(bounds(1, 1.0, 100),
                documents("a", "Hello <font size=\"2\">world</font> &nbsp; AT&amp;T a < b & c"));

        // "a", "at" and "t" are stop words; nothing of the tag or the entities is a token.
        assertEquals(List.of("b", "c", "hello", "world"), result.vocabulary().terms().stream().sorted().toList());
    }

    @Test
    void countsRepeatedWords() {
        Vocabulary.Result result = fit(bounds(1, 1.0, 100), documents("a", "spam spam spam eggs", "b", "eggs"));

        Row a = byId(result.records()).get("a");
        assertEquals(List.of("spam", "eggs"), result.vocabulary().terms());
        assertArrayEquals(new int[] {0, 1}, ints(a, TextSchema.INDICES));
        assertArrayEquals(new int[] {3, 1}, ints(a, TextSchema.COUNTS));
        assertEquals(4, a.<Integer>getAs(TextSchema.LENGTH));
    }

    /** Document frequencies: apple 4, banana 2, cherry 1, date 1. */
    private static Dataset<Row> fruit() {
        return documents("1", "apple banana cherry", "2", "apple banana", "3", "apple date", "4", "apple");
    }

    @Test
    void documentFrequencyBoundsAndSize() {
        assertEquals(List.of("apple", "banana"), fit(bounds(2, 1.0, 100), fruit()).vocabulary().terms());
        assertEquals(List.of("apple", "banana"), fit(bounds(0.5, 1.0, 100), fruit()).vocabulary().terms(),
                "a fraction of documents below 1");
        assertEquals(List.of("banana", "cherry", "date"), fit(bounds(1, 0.5, 100), fruit()).vocabulary().terms(),
                "at most half of the documents");
        assertEquals(List.of("banana"), fit(bounds(2, 3, 100), fruit()).vocabulary().terms(),
                "at most 3 documents");
        assertEquals(List.of("apple"), fit(bounds(1, 1.0, 1), fruit()).vocabulary().terms(), "the most frequent");
    }

    /** Spark's CountVectorizer chose among terms tied at the size cut by partitioning, differently between runs. */
    @Test
    void termsTiedAtTheSizeCutAreChosenByTermWhateverThePartitioning() {
        // apple 3 tokens; then eight terms of 1 token each, tied, in documents spread over partitions.
        Dataset<Row> docs = documents("1", "apple kiwi", "2", "apple fig", "3", "apple lime", "4", "plum pear",
                "5", "grape", "6", "melon", "7", "mango");
        for (int partitions : new int[] {1, 3, 7}) {
            assertEquals(List.of("apple", "fig", "grape", "kiwi"),
                    fit(bounds(1, 1.0, 4), docs.repartition(partitions)).vocabulary().terms(),
                    partitions + " partitions");
        }
    }

    @Test
    void droppedDocumentsAreThoseLeftWithoutVocabularyWords() {
        Vocabulary.Result result = fit(bounds(1, 0.5, 100), fruit());

        assertEquals(1, result.emptyDocuments(), "document 4 holds only apple, in every document");
        assertEquals(3, result.records().count());
    }

    @Test
    void extraStopWordsIgnoreCaseAndMinimumTokenLength() {
        assertEquals(List.of("banana", "cherry", "date"),
                fit(new Vocabulary.Settings(PATTERN, 1, List.of("APPLE"), 1, 1.0, 100), fruit()).vocabulary().terms());
        assertEquals(List.of("banana", "cherry"),
                fit(new Vocabulary.Settings(PATTERN, 6, List.of(), 1, 1.0, 100), fruit()).vocabulary().terms());
    }

    @Test
    void theVocabularyIsFittedOnTheTrainSplitOnlyAndAppliedToAll() {
        long seed = 7;
        double validation = 0.5;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create("doc" + i, "common"));
        }
        Dataset<Row> ids = SharedSpark.spark().createDataFrame(rows, TextSchema.DOCUMENT);
        Map<String, String> split = new HashMap<>();
        for (Row r : ids.select(col("id"), Splits.assign(col("id"), seed, validation, 0)).collectAsList()) {
            split.put(r.getString(0), r.getString(1));
        }
        assertTrue(split.containsValue(Splits.TRAIN) && split.containsValue(Splits.VALIDATION), split.toString());
        String[] docs = new String[40];
        for (int i = 0; i < 20; i++) {
            docs[2 * i] = "doc" + i;
            docs[2 * i + 1] = "common " + (split.get("doc" + i).equals(Splits.TRAIN) ? "seen" : "heldout");
        }

        Vocabulary.Result result = new Vocabulary(bounds(1, 1.0, 100), seed, validation, 0)
                .fit(documents(docs), CORPUS);

        assertEquals(List.of("common", "seen"), result.vocabulary().terms());
        long train = split.values().stream().filter(Splits.TRAIN::equals).count();
        assertArrayEquals(new long[] {train, train}, result.vocabulary().documentFrequencies());
        Map<String, Row> records = byId(result.records());
        assertEquals(20, records.size());
        for (Map.Entry<String, Row> e : records.entrySet()) {
            int[] expected = split.get(e.getKey()).equals(Splits.TRAIN) ? new int[] {0, 1} : new int[] {0};
            assertArrayEquals(expected, ints(e.getValue(), TextSchema.INDICES), e.getKey());
        }
    }

    @Test
    void anEmptyVocabularyNamesTheSettingsToRelax() {
        UserInputException e = TextTestData.userError(() -> fit(bounds(5, 1.0, 100), fruit()));

        assertTrue(e.getMessage().startsWith("the vocabulary is empty: no token of the 4 training documents of "
                + CORPUS + " passes"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset.text.min-df = 5.0"), e.getMessage());
        assertTrue(e.getMessage().contains("lower min-df or min-token-length, raise max-df"), e.getMessage());
    }

    @Test
    void boundsThatAdmitNoTermAreAnEmptyVocabulary() {
        UserInputException e = TextTestData.userError(() -> fit(bounds(3, 0.5, 100), fruit()));

        assertTrue(e.getMessage().contains("dataset.text.max-df admits terms in at most 2.0 documents, "
                + "dataset.text.min-df requires at least 3.0"), e.getMessage());
    }

    @Test
    void documentsWithoutAnyTokenAreAnEmptyVocabulary() {
        UserInputException e = TextTestData.userError(() -> fit(bounds(1, 1.0, 100), documents("a", "the", "b", "42")));

        assertTrue(e.getMessage().startsWith("the vocabulary is empty: no token of the 2 training documents of "
                + CORPUS), e.getMessage());
    }

    @Test
    void anEmptyCorpusAndAnEmptyTrainSplitAreNamed() {
        UserInputException empty = TextTestData.userError(() -> fit(bounds(1, 1.0, 100), documents()));
        assertEquals("the corpus is empty: " + CORPUS + " yielded no documents", empty.getMessage());

        UserInputException noTrain = TextTestData.userError(
                () -> new Vocabulary(bounds(1, 1.0, 100), 42, 0.6, 0.4).fit(fruit(), CORPUS));
        assertEquals("none of the 4 documents of " + CORPUS + " fell in the train split: lower "
                + "dataset.split.validation (0.6) or dataset.split.test (0.4)", noTrain.getMessage());
    }

    @Test
    void invalidSettingsNameTheirKeys() {
        assertTrue(TextTestData.userError(() -> new Vocabulary.Settings("(", 1, List.of(), 1, 1.0, 10))
                .getMessage().startsWith("dataset.text.token-pattern is not a regular expression"));
        assertEquals("dataset.text.min-token-length must be at least 1, got 0", TextTestData.userError(
                () -> new Vocabulary.Settings(PATTERN, 0, List.of(), 1, 1.0, 10)).getMessage());
        assertEquals("dataset.text.max-df must be positive, got 0.0", TextTestData.userError(
                () -> new Vocabulary.Settings(PATTERN, 1, List.of(), 1, 0, 10)).getMessage());
        assertEquals("dataset.text.vocabulary-size must be at least 1, got 0", TextTestData.userError(
                () -> new Vocabulary.Settings(PATTERN, 1, List.of(), 1, 1.0, 0)).getMessage());
        assertEquals("dataset.text.min-df must not be negative, got -1.0", TextTestData.userError(
                () -> new Vocabulary.Settings(PATTERN, 1, List.of(), -1, 1.0, 10)).getMessage());
    }
}
