package org.latentspark.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.jobs.training.TrainingAudit;

class TrainingSummaryTest {
    @Test
    void whatTrainingWritesIsWhatLaterStepsReadBack() {
        RunManifest manifest = RunManifest.start("r1", "train", RunConfig.load(null, List.of()));
        TrainingAudit audit = new TrainingAudit(1, 96, 6, Map.of("0", 48L, "1", 48L));
        TrainSettings.Defaults settings = new TrainSettings.Defaults(8, 16, 0.01, 2);
        new TrainingSummary("sharing", settings, 5, "no new best", 2, 3, 1234.5, 61.23456, 2, List.of(audit))
                .writeTo(manifest);

        TrainingSummary read = TrainingSummary.readFrom(manifest);
        assertEquals(new TrainingSummary("sharing", settings, 5, "no new best", 2, 3, 1234.5, 61.235, 2, List.of()),
                read,
                "seconds as the manifest keeps them, to the millisecond; the audits are written only");
        assertEquals(48, manifest.json().at("/training/examples_by_epoch/0/by_executor/1").asLong());
        assertEquals(96, manifest.json().at("/training/examples_by_epoch/0/trained").asLong());
    }

    @Test
    void aRunThatHasNotTrainedReadsAsNaN() {
        TrainingSummary read = TrainingSummary.readFrom(RunManifest.start("r1", "train", RunConfig.load(null,
                List.of())));
        assertEquals(Double.NaN, read.examplesPerSecond());
        assertEquals(Double.NaN, read.seconds());
        assertEquals(null, read.stoppedEarly());
    }
}
