package org.latentspark.jobs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.model.TopicVaeArchitecture;
import org.latentspark.common.model.TopicVaeGraph;
import org.latentspark.common.model.TopicVaeInference;
import org.latentspark.common.schema.TextSchema;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.collection.JavaConverters;

class DocumentScoresTest {
    private static final int VOCABULARY = 30;
    private static final int TOPICS = 3;

    /** Documents of 40 words mixing two of three topics, each spread over its own block of 10 words. */
    private static List<Row> documents(int n, Random random) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int first = random.nextInt(TOPICS);
            int second = random.nextInt(TOPICS);
            double share = random.nextDouble();
            TreeMap<Integer, Integer> counts = new TreeMap<>();
            for (int t = 0; t < 40; t++) {
                int topic = random.nextDouble() < share ? first : second;
                counts.merge(10 * topic + random.nextInt(10), 1, Integer::sum);
            }
            // Rows hold arrays as Scala sequences, as Spark gives them.
            rows.add(new GenericRowWithSchema(new Object[] {"d" + i,
                    JavaConverters.asScalaBuffer(List.copyOf(counts.keySet())),
                    JavaConverters.asScalaBuffer(List.copyOf(counts.values())), 40, null, "test"}, TextSchema.SHARD));
        }
        return rows;
    }

    @Test
    void labelsAndCountsHoldEachDocumentsWordsDensely() {
        TextBatchEncoder encoder = new TextBatchEncoder(VOCABULARY, TOPICS, 1, true);
        List<Row> rows = documents(4, new Random(1));
        MultiDataSet batch = encoder.encode(rows, 0, 0.25);
        INDArray counts = encoder.counts(rows.stream().map(encoder::document).toList());
        assertArrayEquals(new long[] {4, VOCABULARY}, counts.shape());
        assertArrayEquals(new long[] {4, VOCABULARY + 1}, batch.getLabels(0).shape());
        for (int i = 0; i < 4; i++) {
            List<Integer> indices = rows.get(i).getList(1);
            List<Integer> values = rows.get(i).getList(2);
            double[] expected = new double[VOCABULARY];
            for (int j = 0; j < indices.size(); j++) {
                expected[indices.get(j)] = values.get(j);
            }
            assertArrayEquals(expected, counts.getRow(i).toDoubleVector(), 0);
            double[] label = batch.getLabels(0).getRow(i).toDoubleVector();
            assertArrayEquals(expected, java.util.Arrays.copyOf(label, VOCABULARY), 0);
            assertEquals(0.25, label[VOCABULARY], 0);
        }
    }

    /**
     * On held-out documents of a trained model, θ from the mode of each observed half's posterior predicts the other
     * half better than the encoder's θ: the perplexity falls. (On a model trained for 40 steps instead of 200 it did
     * not: 25.6 from the encoder, 25.8 from the mode, which fits the observed half's 20 words to a poor decoder.)
     */
    @Test
    @Timeout(120)
    void completionFromThePosteriorModeBeatsTheEncoder() {
        ComputationGraph graph = TopicVaeGraph.build(new TopicVaeArchitecture(VOCABULARY, TOPICS, List.of(16), 0.2,
                1.0, 0.99, true), 2, 1e-2);
        TextBatchEncoder encoder = new TextBatchEncoder(VOCABULARY, TOPICS, 2, true);
        Random random = new Random(2);
        for (int step = 0; step < 200; step++) {
            graph.fit(encoder.encode(documents(32, random), step, 1.0));
        }
        TopicVaeInference inference = new TopicVaeInference(graph);
        List<Row> heldOut = documents(64, random);
        double encoderPerplexity = DocumentScores.completion(inference, heldOut, encoder, 0).stream()
                .reduce(Perplexity.Sum.ZERO, Perplexity.Sum::plus).perplexity();
        double modePerplexity = DocumentScores.completion(inference, heldOut, encoder, 50).stream()
                .reduce(Perplexity.Sum.ZERO, Perplexity.Sum::plus).perplexity();
        assertTrue(modePerplexity < encoderPerplexity, "encoder " + encoderPerplexity + ", mode " + modePerplexity);
        assertTrue(modePerplexity < 0.7 * VOCABULARY, "mode " + modePerplexity + " against uniform " + VOCABULARY);
    }
}
