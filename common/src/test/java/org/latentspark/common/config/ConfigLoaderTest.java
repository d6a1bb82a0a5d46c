package org.latentspark.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;

class ConfigLoaderTest {
    @Test
    void stringOverridesTakeUrisAndPathsLiterally() {
        Config config = ConfigLoader.load(null, List.of("dataset.path=s3a://lake/raw/nwb", "dataset.name=a@b",
                "dataset.text.glob=\"*.txt\""));
        assertEquals("s3a://lake/raw/nwb", config.getString("dataset.path"));
        assertEquals("a@b", config.getString("dataset.name"));
        assertEquals("*.txt", config.getString("dataset.text.glob"));
    }

    /** The Fashion-MNIST example runs as it is: it reads the files where the Debian package installs them. */
    @Test
    void theFashionMnistExampleNeedsNoExtraKeys() {
        RunConfig config = RunConfig.load("../conf/examples/demo-fashion-mnist.conf", List.of());
        assertEquals("file:///usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", config.dataset().path());
        assertEquals("file:///usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz",
                config.dataset().labelsPath());
    }

    @Test
    void otherOverridesAreHocon() {
        Config config = ConfigLoader.load(null, List.of("model.hidden=[64, 32]", "train.epochs=3"));
        assertEquals(List.of(64, 32), config.getIntList("model.hidden"));
        assertEquals(3, config.getInt("train.epochs"));
    }

    @Test
    void autoTrainingSettingsWaitForTheDataAndTakeOnlyWhatIsAuto() {
        RunConfig config = RunConfig.load(null, List.of("train.batch-size=32"));
        assertFalse(config.train().resolved(), "epochs and learning rate are auto by default");
        TrainSettings chosen = config.train().resolve(new TrainSettings.Defaults(40, 8, 0.01, 10));
        assertEquals(TrainSettings.Search.AUTO, chosen.search().candidates(), "auto by default");
        assertFalse(chosen.search().enabled(), "an auto search runs only once resolved");
        RunConfig resolved = config.withTrain(chosen.withSearch(chosen.search().resolve(0)))
                .withModel(config.model().resolveKlWarmup(10));
        assertTrue(resolved.train().resolved());
        assertTrue(resolved.train().search().automatic());
        assertEquals(40, resolved.train().epochs());
        assertEquals(32, resolved.train().batchSize(), "a value set is kept");
        assertEquals(0.01, resolved.train().learningRate());
        assertEquals(0.5, resolved.model().klWeight(4), 1e-12, "warm-up over 10 epochs: epoch 5 of them");
        assertThrows(IllegalStateException.class, () -> config.model().klWeight(0));
        UserInputException word = assertThrows(UserInputException.class,
                () -> RunConfig.load(null, List.of("train.epochs=five")));
        assertTrue(word.getMessage().contains("train.epochs"), word.getMessage());
        UserInputException zero = assertThrows(UserInputException.class,
                () -> RunConfig.load(null, List.of("train.batch-size=0")));
        assertTrue(zero.getMessage().contains("train.batch-size must be at least 1"), zero.getMessage());
    }

    @Test
    void prodldasBatchNormWeightFallsToZeroOverThreeQuartersOfTheEpochs() {
        ModelSettings.ProdLda annealed = RunConfig.load(null, List.of("model.prodlda.anneal-batch-norm=true"))
                .model().prodlda();
        assertEquals(1.0, annealed.batchNormWeight(0, 20), 1e-12);
        assertEquals(1 - 5 / 15.0, annealed.batchNormWeight(5, 20), 1e-12);
        assertEquals(0.0, annealed.batchNormWeight(15, 20), 1e-12);
        assertEquals(0.0, annealed.batchNormWeight(19, 20), 1e-12);
        ModelSettings.ProdLda kept = RunConfig.load(null, List.of()).model().prodlda();
        assertFalse(kept.annealBatchNorm(), "off by default");
        assertEquals(1.0, kept.batchNormWeight(19, 20), 1e-12);
        assertThrows(UserInputException.class,
                () -> RunConfig.load(null, List.of("model.prodlda.anneal-batch-norm=sometimes")));
        ModelSettings auto = RunConfig.load(null, List.of()).model();
        assertEquals(ModelSettings.ProdLda.AUTO_ADAM_BETA1, auto.prodlda().adamBeta1(), "auto by default");
        assertEquals(0.9, auto.resolveAdamBeta1(true).prodlda().adamBeta1(), 1e-15, "a search's candidates");
        assertEquals(0.99, auto.resolveAdamBeta1(false).prodlda().adamBeta1(), 1e-15, "a Spark trainer: the paper's");
        ModelSettings set = RunConfig.load(null, List.of("model.prodlda.adam-beta1=0.95")).model();
        assertEquals(0.95, set.resolveAdamBeta1(true).prodlda().adamBeta1(), 1e-15, "a value is kept");
        assertEquals(0.95, set.resolveAdamBeta1(false).prodlda().adamBeta1(), 1e-15, "a value is kept");
        UserInputException one = assertThrows(UserInputException.class,
                () -> RunConfig.load(null, List.of("model.prodlda.adam-beta1=1")));
        assertTrue(one.getMessage().contains("model.prodlda.adam-beta1 must be in [0, 1), got 1"), one.getMessage());
    }

    @Test
    void unknownKeysAndMissingValuesAreRejected() {
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(null, List.of("train.epoch=3")));
        assertTrue(unknown.getMessage().contains("train.epoch"), unknown.getMessage());
        UserInputException noValue = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(null, List.of("train.epochs")));
        assertTrue(noValue.getMessage().contains("expected key=value"), noValue.getMessage());
    }
}
