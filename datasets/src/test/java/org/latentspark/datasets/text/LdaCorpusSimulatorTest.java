package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class LdaCorpusSimulatorTest {
    @Test
    void drawsByHandFromCumulativeSums() {
        double[] cdf = LdaCorpusSimulator.cumulative(new double[] {0.2, 0, 0.5, 0.3});

        assertArrayEquals(new double[] {0.2, 0.2, 0.7, 1.0}, cdf, 1e-12);
        assertEquals(0, LdaCorpusSimulator.draw(cdf, 0.0));
        assertEquals(0, LdaCorpusSimulator.draw(cdf, 0.19));
        assertEquals(2, LdaCorpusSimulator.draw(cdf, 0.2), "index 1 has probability 0");
        assertEquals(2, LdaCorpusSimulator.draw(cdf, 0.69));
        assertEquals(3, LdaCorpusSimulator.draw(cdf, 0.7));
        assertEquals(3, LdaCorpusSimulator.draw(cdf, 0.999));
    }

    @Test
    void theSameSeedGivesTheSameCorpusAndTopicsAnotherSeedAnother() {
        List<Row> a = new LdaCorpusSimulator(30, 3, 50, 20, 0.5, 0.1, 9).read(SharedSpark.spark())
                .orderBy("id").collectAsList();
        List<Row> b = new LdaCorpusSimulator(30, 3, 50, 20, 0.5, 0.1, 9).read(SharedSpark.spark())
                .repartition(5).orderBy("id").collectAsList();
        List<Row> c = new LdaCorpusSimulator(30, 3, 50, 20, 0.5, 0.1, 10).read(SharedSpark.spark())
                .orderBy("id").collectAsList();

        assertEquals(a, b);
        assertEquals("doc-0000000", a.get(0).getString(0));
        assertNotEquals(a.get(0).getString(1), c.get(0).getString(1));
        assertArrayEquals(new LdaCorpusSimulator(1, 3, 50, 20, 0.5, 0.1, 9).trueTopics().probabilities(),
                new LdaCorpusSimulator(2, 3, 50, 20, 0.5, 0.1, 9).trueTopics().probabilities(),
                "topics depend on the seed alone");
    }

    @Test
    void topicsAreDistributionsOverNamedWords() {
        TrueTopics topics = new LdaCorpusSimulator(1, 4, 1000, 10, 0.5, 0.01, 3).trueTopics();

        assertEquals(4, topics.topics());
        assertEquals("w0000", topics.terms().get(0));
        assertEquals("w0999", topics.terms().get(999));
        for (double[] topic : topics.probabilities()) {
            assertEquals(1, java.util.Arrays.stream(topic).sum(), 1e-9);
        }
    }

    @Test
    void documentsHaveThetaAndPoissonLengthsOfAtLeastOne() {
        List<Row> docs = new LdaCorpusSimulator(2000, 2, 10, 1, 0.5, 0.5, 5).read(SharedSpark.spark()).collectAsList();

        double totalLength = 0;
        for (Row doc : docs) {
            int length = doc.getString(1).split(" ").length;
            assertTrue(length >= 1);
            totalLength += length;
            List<Float> theta = doc.getList(2);
            assertEquals(2, theta.size());
            assertEquals(1, theta.get(0) + theta.get(1), 1e-6);
        }
        // E[max(1, N)] for N ~ Poisson(1) is 1 + P(N = 0) = 1 + 1/e.
        assertEquals(1 + Math.exp(-1), totalLength / docs.size(), 0.05);
    }

    /** With one topic every word is drawn from it: word frequencies approach its probabilities. */
    @Test
    void wordsFollowTheTopics() {
        LdaCorpusSimulator simulator = new LdaCorpusSimulator(200, 1, 5, 50, 1, 1, 11);
        double[] topic = simulator.trueTopics().probabilities()[0];
        double[] frequency = new double[5];
        double total = 0;
        for (Row doc : simulator.read(SharedSpark.spark()).collectAsList()) {
            for (String word : doc.getString(1).split(" ")) {
                frequency[simulator.trueTopics().terms().indexOf(word)]++;
                total++;
            }
        }
        for (int w = 0; w < 5; w++) {
            assertEquals(topic[w], frequency[w] / total, 0.02, "word " + w);
        }
    }

    @Test
    void invalidSettingsNameTheirKeys() {
        assertEquals("dataset.lda-sim.topics must be at least 1, got 0", TextTestData.userError(
                () -> new LdaCorpusSimulator(10, 0, 10, 5, 0.1, 0.1, 1)).getMessage());
        assertEquals("dataset.lda-sim.beta must be positive, got 0.0", TextTestData.userError(
                () -> new LdaCorpusSimulator(10, 2, 10, 5, 0.1, 0, 1)).getMessage());
        assertEquals("dataset.lda-sim.mean-length must be positive, got -1.0", TextTestData.userError(
                () -> new LdaCorpusSimulator(10, 2, 10, -1, 0.1, 0.1, 1)).getMessage());
    }
}
