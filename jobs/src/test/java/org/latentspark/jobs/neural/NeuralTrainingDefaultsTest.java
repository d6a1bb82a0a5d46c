package org.latentspark.jobs.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.datasets.sharding.Splits;
import org.junit.jupiter.api.Test;

/** What LFADS's auto training settings become for recordings of different sizes. */
class NeuralTrainingDefaultsTest {
    private static DatasetManifest recording(long trainTrials) {
        ObjectNode doc = new ObjectMapper().createObjectNode();
        doc.put("modality", "neural");
        doc.putObject("counts").put(Splits.TRAIN, trainTrials).put(Splits.VALIDATION, 20).put(Splits.TEST, 20);
        return new DatasetManifest(doc);
    }

    private static TrainSettings resolved(long trainTrials, String... settings) {
        List<String> all = new java.util.ArrayList<>(List.of("dataset.format=lorenz"));
        all.addAll(List.of(settings));
        return new NeuralModality().resolveTraining(RunConfig.load(null, all), recording(trainTrials)).train();
    }

    @Test
    void autoSearchesSmallRecordingsAndTrainsOneModelOnLargeOnes() {
        TrainSettings small = resolved(NeuralModality.AUTO_SEARCH_MAX_TRIALS);
        assertEquals(NeuralModality.AUTO_SEARCH_CANDIDATES, small.search().candidates());
        assertTrue(small.search().enabled() && small.search().automatic());
        TrainSettings large = resolved(NeuralModality.AUTO_SEARCH_MAX_TRIALS + 1);
        assertEquals(0, large.search().candidates());
        assertFalse(large.search().enabled());
        assertTrue(large.search().automatic());
        assertEquals(0, resolved(800, "train.search.max-examples=500").search().candidates(),
                "auto never chooses a search that train.search.max-examples refuses");
    }

    @Test
    void aSearchTheConfigurationSetsStays() {
        TrainSettings none = resolved(200, "train.search.candidates=0");
        assertFalse(none.search().enabled() || none.search().automatic());
        TrainSettings three = resolved(50_000, "train.search.candidates=3");
        assertEquals(3, three.search().candidates());
        assertFalse(three.search().automatic());
    }

    @Test
    void batchesAndEpochsFollowTheRecordingsSize() {
        // 200 trials: batches of 200 / 16 = 12, rounded down to a power of two, 8; 25 steps an epoch, 160 epochs
        // for the 4,000 steps; KL warm-up over a quarter of them.
        TrainSettings t = resolved(200);
        assertEquals(8, t.batchSize());
        assertEquals(160, t.epochs());
        assertEquals(1e-2, t.learningRate(), 1e-15);
        // 100,000 trials: batches of 128, 782 steps an epoch, the 30-epoch floor.
        TrainSettings big = resolved(100_000);
        assertEquals(128, big.batchSize());
        assertEquals(30, big.epochs());
    }
}
