package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void theLatestCompleteCheckpointComesBackWithItsUpdaterStateAndHistory() throws Exception {
        Checkpoints checkpoints = new Checkpoints(new HadoopFiles(new Configuration()), dir.toString());
        assertTrue(checkpoints.latest().isEmpty());
        ComputationGraph network = tinyGraph();
        step(network);
        checkpoints.save(network, 9, 42L, List.of(metric(9, 80.0)));
        step(network);
        List<Metric> history = List.of(metric(9, 80.0), metric(10, 75.5));
        checkpoints.save(network, 10, 42L, history);
        // An epoch whose state.json never got written (the run died while saving it) does not count.
        Path incomplete = Files.createDirectories(dir.resolve("epoch-0011"));
        Files.write(incomplete.resolve("model.zip"), new byte[] {1, 2, 3});

        Checkpoints.Restored restored = checkpoints.latest().orElseThrow();
        assertEquals(10, restored.epochsCompleted(), "epoch-0010 sorts after epoch-0009; epoch-0011 is incomplete");
        assertEquals(network.params(), restored.network().params());
        assertEquals(network.getUpdater().getStateViewArray(), restored.network().getUpdater().getStateViewArray(),
                "Adam's moments come back, so a resumed run continues the same optimisation");
        assertEquals(network.getIterationCount(), restored.network().getIterationCount());
        assertEquals(history, restored.history());
    }

    @Test
    void theBestEpochIsReplacedAndReadBack() {
        Checkpoints checkpoints = new Checkpoints(new HadoopFiles(new Configuration()), dir.toString());
        assertTrue(checkpoints.best().isEmpty());
        ComputationGraph network = tinyGraph();
        checkpoints.saveBest(network, new Checkpoints.Best(network.params(), 3, Checkpoints.Best.NEG_ELBO, 71.25));
        var firstParams = network.params().dup();
        step(network);
        checkpoints.saveBest(network, new Checkpoints.Best(network.params(), 5, "npmi", 0.125));
        Checkpoints.Best best = checkpoints.best().orElseThrow();
        assertEquals(5, best.epoch());
        assertEquals("npmi", best.metric());
        assertEquals(0.125, best.value());
        assertEquals(network.params(), best.params());
        assertNotEquals(firstParams, best.params());
        assertTrue(checkpoints.latest().isEmpty(), "the best epoch is not a checkpoint to resume from");
    }

    @Test
    void negElboIsBetterLowerAndASelectionScoreHigher() {
        assertTrue(new Checkpoints.Best(null, 1, Checkpoints.Best.NEG_ELBO, 70).beatenBy(69.5));
        assertFalse(new Checkpoints.Best(null, 1, Checkpoints.Best.NEG_ELBO, 70).beatenBy(70.5));
        assertTrue(new Checkpoints.Best(null, 1, "co_bps", 0.2).beatenBy(0.25));
        assertFalse(new Checkpoints.Best(null, 1, "npmi", 0.2).beatenBy(0.1));
        assertFalse(new Checkpoints.Best(null, 1, "npmi", 0.2).beatenBy(Double.NaN));
    }

    private static Metric metric(int epoch, double value) {
        return new Metric("vae", "validation", "neg_elbo", null, epoch, value);
    }

    private static ComputationGraph tinyGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    private static void step(ComputationGraph graph) {
        graph.fit(new DataSet(Nd4j.rand(5, 3), Nd4j.rand(5, 2)));
    }
}
