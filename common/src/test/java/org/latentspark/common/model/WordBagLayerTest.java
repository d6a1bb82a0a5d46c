package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The word-bag layer against DL4J's dense layer on the same documents as dense counts, and its bad input. */
class WordBagLayerTest {
    private static final int VOCABULARY = 12;
    private static final int UNITS = 5;

    private static ComputationGraph oneLayer(org.deeplearning4j.nn.conf.layers.Layer layer) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").addLayer("layer", layer, "in").setOutputs("layer").build());
        graph.init();
        return graph;
    }

    @Test
    void givesWhatADenseLayerGivesOnTheCounts() {
        ComputationGraph bag = oneLayer(new WordBagLayer(VOCABULARY, UNITS, Activation.ELU));
        ComputationGraph dense = oneLayer(new DenseLayer.Builder().nIn(VOCABULARY).nOut(UNITS)
                .activation(Activation.ELU).build());
        dense.getLayer("layer").getParam("W").assign(bag.getLayer("layer").getParam("W"));
        dense.getLayer("layer").getParam("b").assign(Nd4j.createFromArray(new float[] {-1, -0.5f, 0, 0.5f, 1})
                .reshape(dense.getLayer("layer").getParam("b").shape()));
        bag.getLayer("layer").getParam("b").assign(dense.getLayer("layer").getParam("b"));
        // Documents of different lengths, one empty: the minibatch pads the shorter ones.
        INDArray counts = Nd4j.createFromArray(new float[][] {
            {0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2},
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}});
        INDArray expected = dense.outputSingle(counts);
        INDArray actual = bag.outputSingle(WordBagInput.ofDense(counts));
        assertTrue(expected.equalsWithEps(actual, 1e-5), expected + " against " + actual);
        assertEquals(2 * VOCABULARY, WordBagInput.ofDense(counts).size(1));
    }

    @Test
    void aWordOutsideTheVocabularyNamesTheDocumentAndIndex() {
        ComputationGraph bag = oneLayer(new WordBagLayer(VOCABULARY, UNITS, Activation.ELU));
        INDArray words = WordBagInput.of(new int[][] {{1}, {2, VOCABULARY}}, new float[][] {{1}, {1, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bag.outputSingle(words));
        assertEquals("document 1 of the minibatch has word index 12.0, outside the vocabulary of 12 words",
                e.getMessage());
    }

    @Test
    void aModelSavedBeforeRowOrderWeightsIsRefusedOnLoad() {
        ComputationGraph bag = oneLayer(new WordBagLayer(VOCABULARY, UNITS, Activation.ELU));
        String json = bag.getConfiguration().toJson();
        assertTrue(json.contains("\"weightLayout\" : 1"), json);
        ComputationGraph reloaded = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
        reloaded.init(bag.params(), true);
        assertEquals(bag.params(), reloaded.params());
        // What an older version wrote: no weightLayout field.
        ComputationGraphConfiguration old = ComputationGraphConfiguration.fromJson(
                json.replaceAll("\"weightLayout\" : 1,?", ""));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ComputationGraph(old).init(bag.params(), true));
        assertTrue(e.getMessage().startsWith("word-bag layer layer was saved by a latentspark before its weights were "
                + "laid out in row order (weight layout 0"), e.getMessage());
    }

    @Test
    void wordsAndWeightsMustPair() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordBagInput.of(new int[][] {{1, 2}}, new float[][] {{1}}));
        assertEquals("document 0 has 2 words and 1 weights", e.getMessage());
    }
}
