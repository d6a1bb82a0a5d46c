package org.latentspark.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void unknownKeysAndMissingValuesAreRejected() {
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(null, List.of("train.epoch=3")));
        assertTrue(unknown.getMessage().contains("train.epoch"), unknown.getMessage());
        UserInputException noValue = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(null, List.of("train.epochs")));
        assertTrue(noValue.getMessage().contains("expected key=value"), noValue.getMessage());
    }
}
