package org.latentspark.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;
import org.latentspark.common.manifest.DatasetManifest;

class TrainStepTest {
    private static DatasetManifest withCounts(long train, long validation, long test) {
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.putObject("counts").put("train", train).put("validation", validation).put("test", test);
        return new DatasetManifest(doc);
    }

    @Test
    void aDatasetWithAnEmptySplitIsRefusedNamingItsCountsAndTheKeysThatFixIt() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> TrainStep.requireEverySplit(withCounts(5, 0, 1), "/data/tiny", "trials"));
        assertTrue(e.getMessage().contains("/data/tiny is too small for its split"), e.getMessage());
        assertTrue(e.getMessage().contains("its 6 trials give 5 train, 0 validation and 1 test"), e.getMessage());
        assertTrue(e.getMessage().contains("dataset.split.validation"), e.getMessage());
        assertThrows(UserInputException.class, () -> TrainStep.requireEverySplit(withCounts(8, 1, 0), "d", "trials"));
        assertThrows(UserInputException.class, () -> TrainStep.requireEverySplit(withCounts(0, 1, 1), "d", "trials"));
    }

    @Test
    void oneExampleInEachSplitIsEnough() {
        assertDoesNotThrow(() -> TrainStep.requireEverySplit(withCounts(1, 1, 1), "d", "trials"));
    }
}
