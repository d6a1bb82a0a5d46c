package org.latentspark.jobs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.metrics.text.TopicRecovery;
import org.latentspark.common.model.TopicVaeArchitecture;
import org.latentspark.common.model.TopicVaeGraph;
import org.latentspark.common.model.TopicVaeInference;

class NeuralTopicsTest {
    /** A float model over thousands of words: its softmax rows miss 1 by more than the metrics' 1e-6 in float. */
    @Test
    void topicWordDistributionsOfAFloatModelSumToOneForTheMetrics() {
        int vocabulary = 5000;
        int topics = 20;
        NeuralTopics model = new NeuralTopics(new TopicVaeInference(TopicVaeGraph.build(
                new TopicVaeArchitecture(vocabulary, topics, List.of(16), 0.2, 1.0, 0.99, true), 3, 1e-3)));
        double[][] rows = model.topicWordDistributions();
        assertEquals(topics, rows.length);
        for (double[] row : rows) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-12);
        }
        double[] mixture = new double[topics];
        java.util.Arrays.fill(mixture, 1.0 / topics);
        assertEquals(1.0, java.util.Arrays.stream(model.wordDistribution(mixture)).sum(), 1e-12);
        // The metrics take them: a model matched with itself recovers every topic.
        assertTrue(TopicRecovery.match(rows, rows).mean() > 0.999);
    }
}
