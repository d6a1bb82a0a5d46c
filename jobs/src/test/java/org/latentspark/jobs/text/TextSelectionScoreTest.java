package org.latentspark.jobs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.model.TopicVaeGraph;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.jobs.training.SelectionScore;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.JavaConverters;

/**
 * ProdLDA's selection score (train.keep = selection, and a search's ranking): the npmi of its topics' top words
 * over the validation documents, checked on hand-computed cases.
 */
class TextSelectionScoreTest {
    private static final RunConfig CONFIG = RunConfig.load(null, List.of("dataset.format=lda-sim",
            "model.name=prodlda", "model.latent-dim=2", "model.hidden=[4]", "evaluate.npmi-top-words=3",
            "train.learning-rate=1e-3"));
    private static final DatasetManifest DATASET = dataset(6);

    /** Words 0, 1, 2 always together; 3 and 4 together; 5 alone. */
    private static final List<Row> VALIDATION = List.of(doc(0, 1, 2), doc(0, 1, 2), doc(3, 4), doc(5));

    @Test
    void topicsWhoseTopWordsShareDocumentsScoreHigher() {
        TextModality text = new TextModality();
        // Topic 0's top words 0, 1, 2: every pair always together, npmi 1. Topic 1's 3, 4, 5: (3, 4) npmi 1, the
        // pairs with 5 never together, −1 each. Mean (1 + (1 − 1 − 1) / 3) / 2 = 1/3.
        ComputationGraph coherent = network(new double[][] {{3, 2, 1, -1, -2, -3}, {-3, -2, -1, 1, 2, 3}});
        SelectionScore score = text.selectionScore(coherent, CONFIG, DATASET, VALIDATION).orElseThrow();
        assertEquals("npmi", score.metric());
        assertEquals(1.0 / 3, score.value(), 1e-9);
        // Topic 0's top words 0, 1, 3: (0, 1) npmi 1, two pairs never together. Topic 1's 2, 4, 5: no pair
        // together. Mean ((1 − 2) / 3 − 1) / 2 = −2/3.
        ComputationGraph mixed = network(new double[][] {{3, 2, -1, 1, -2, -3}, {-3, -2, 2, -1, 1, 3}});
        assertEquals(-2.0 / 3, text.selectionScore(mixed, CONFIG, DATASET, VALIDATION).orElseThrow().value(),
                1e-9);
    }

    @Test
    void noValidationDocumentsNoScore() {
        assertTrue(new TextModality().selectionScore(network(new double[][] {{1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0,
                1}}), CONFIG, DATASET, List.of()).isEmpty());
    }

    @Test
    void autoTrainingSettingsAreProdLdasReferenceOnes() {
        RunConfig auto = RunConfig.load(null, List.of("dataset.format=lda-sim", "model.name=prodlda"));
        var train = new TextModality().resolveTraining(auto, DATASET).train();
        assertEquals(200, train.batchSize());
        assertEquals(2e-3, train.learningRate(), 1e-15);
        assertEquals(10, train.epochs());
        assertEquals(TextModality.AUTO_SEARCH_CANDIDATES, train.search().candidates(),
                "a corpus without training documents counts as small");
        assertTrue(train.search().automatic());
        assertEquals(2, new TextModality().resolveTraining(auto, dataset(6, 4_788)).train().search().candidates(),
                "a search, one task a candidate, on a small corpus");
        assertEquals(2, new TextModality().resolveTraining(auto, dataset(6, 10_000)).train().search().candidates());
        assertEquals(0, new TextModality().resolveTraining(auto, dataset(6, 10_001)).train().search().candidates(),
                "one model, data-parallel, on a larger one");
        assertEquals(0, new TextModality().resolveTraining(RunConfig.load(null, List.of("dataset.format=lda-sim",
                "model.name=prodlda", "train.search.candidates=0")), dataset(6, 4_788)).train().search()
                .candidates(), "what the configuration sets stays");
        assertEquals(0, new TextModality().resolveTraining(RunConfig.load(null, List.of("dataset.format=lda-sim",
                "model.name=prodlda", "train.search.max-examples=4000")), dataset(6, 4_788)).train().search()
                .candidates(), "auto never chooses a search that train.search.max-examples refuses");
        // What the configuration sets stays.
        assertEquals(100, new TextModality().resolveTraining(RunConfig.load(null, List.of("dataset.format=lda-sim",
                "model.name=prodlda", "train.batch-size=100")), DATASET).train().batchSize());
    }

    /** Adam's β1: 0.9 when auto chose a search, the paper's 0.99 for one model; a set value stays. */
    @Test
    void autoAdamBeta1FollowsHowTheModelTrains() {
        RunConfig auto = RunConfig.load(null, List.of("dataset.format=lda-sim", "model.name=prodlda"));
        assertEquals(0.9, new TextModality().resolveTraining(auto, dataset(6, 4_788)).model().prodlda().adamBeta1(),
                1e-15);
        assertEquals(0.99, new TextModality().resolveTraining(auto, dataset(6, 10_001)).model().prodlda()
                .adamBeta1(), 1e-15);
        assertEquals(0.99, new TextModality().resolveTraining(RunConfig.load(null, List.of("dataset.format=lda-sim",
                "model.name=prodlda", "train.search.candidates=0")), dataset(6, 4_788)).model().prodlda()
                .adamBeta1(), 1e-15, "one model asked for on a small corpus");
        assertEquals(0.95, new TextModality().resolveTraining(RunConfig.load(null, List.of("dataset.format=lda-sim",
                "model.name=prodlda", "model.prodlda.adam-beta1=0.95")), dataset(6, 4_788)).model().prodlda()
                .adamBeta1(), 1e-15);
    }

    @Test
    void adamsFirstMomentDecayComesFromTheConfiguration() {
        RunConfig config = RunConfig.load(null, List.of("dataset.format=lda-sim", "model.name=prodlda",
                "model.latent-dim=2", "model.hidden=[4]", "train.learning-rate=1e-3", "model.prodlda.adam-beta1=0.9"));
        var updater = (org.nd4j.linalg.learning.config.Adam) new TextModality().newNetwork(config, DATASET)
                .getLayer(TopicVaeGraph.TOPIC_WORD).conf().getLayer().getUpdaterByParam("W");
        assertEquals(0.9, updater.getBeta1(), 1e-15);
    }

    /** A fresh ProdLDA graph with topic-word matrix b; its batch norm's fresh statistics make the effects b. */
    private static ComputationGraph network(double[][] b) {
        TextModality text = new TextModality();
        ComputationGraph network = text.newNetwork(text.resolveTraining(CONFIG, DATASET), DATASET);
        network.getLayer(TopicVaeGraph.TOPIC_WORD).setParam("W", Nd4j.create(b).castTo(
                network.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("W").dataType()));
        return network;
    }

    private static Row doc(int... words) {
        Integer[] indices = new Integer[words.length];
        Integer[] counts = new Integer[words.length];
        for (int i = 0; i < words.length; i++) {
            indices[i] = words[i];
            counts[i] = 1;
        }
        // Rows hold arrays as Scala sequences, as Spark gives them.
        return new GenericRowWithSchema(new Object[] {"d" + words[0], JavaConverters.asScalaBuffer(List.of(indices)),
                JavaConverters.asScalaBuffer(List.of(counts)), words.length, null, "validation"}, TextSchema.SHARD);
    }

    private static DatasetManifest dataset(int vocabulary) {
        return dataset(vocabulary, 0);
    }

    private static DatasetManifest dataset(int vocabulary, long trainingDocuments) {
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("modality", "text");
        doc.putObject("shape").put(TextModality.VOCABULARY_SIZE, vocabulary);
        doc.putObject("counts").put("train", trainingDocuments);
        return new DatasetManifest(doc);
    }
}
