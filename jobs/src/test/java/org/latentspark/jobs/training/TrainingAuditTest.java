package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingAuditTest {
    @Test
    void anEpochThatTrainedEveryExampleOnEveryExecutorPasses() {
        TrainingAudit audit = new TrainingAudit(3, 100, 4, Map.of("0", 60L, "1", 40L));
        assertEquals(100, audit.trained());
        assertDoesNotThrow(() -> audit.require("averaging", Set.of("0", "1"), Set.of("0", "1"), true));
    }

    @Test
    void unchangedParametersFailNamingTrainerAndEpoch() {
        TrainingAudit audit = new TrainingAudit(2, 100, 4, Map.of("0", 50L, "1", 50L));
        var e = assertThrows(TrainingIncompleteException.class,
                () -> audit.require("sharing", Set.of("0", "1"), Set.of("0", "1"), false));
        assertEquals("trainer sharing, epoch 2: the parameters did not change over the epoch (examples trained per "
                + "executor: {0=50, 1=50})", e.getMessage());
    }

    @Test
    void anExecutorThatTrainedNothingFailsNamingIt() {
        TrainingAudit audit = new TrainingAudit(1, 100, 4, Map.of("0", 100L));
        var e = assertThrows(TrainingIncompleteException.class,
                () -> audit.require("sharing", Set.of("0", "1"), Set.of("0", "1"), true));
        assertTrue(e.getMessage().startsWith("trainer sharing, epoch 1: executor 1 trained no examples"),
                e.getMessage());
    }

    @Test
    void missingExamplesFail() {
        TrainingAudit audit = new TrainingAudit(4, 100, 4, Map.of("0", 48L, "1", 48L));
        var e = assertThrows(TrainingIncompleteException.class,
                () -> audit.require("averaging", Set.of("0", "1"), Set.of("0", "1"), true));
        assertTrue(e.getMessage().contains("trained 96 of the 100 examples exported"), e.getMessage());
    }

    @Test
    void anExecutorLostDuringTheEpochIsNoFailureWhenItsWorkWasRedone() {
        // Executor 1 died; Spark re-ran its tasks on 0 and the new executor 2.
        TrainingAudit audit = new TrainingAudit(1, 100, 4, Map.of("0", 70L, "2", 30L));
        assertDoesNotThrow(() -> audit.require("averaging", Set.of("0", "1"), Set.of("0", "2"), true));
    }

    @Test
    void fewerMinibatchesThanExecutorsLeaveSomeIdle() {
        TrainingAudit audit = new TrainingAudit(1, 10, 1, Map.of("0", 10L));
        assertDoesNotThrow(() -> audit.require("averaging", Set.of("0", "1"), Set.of("0", "1"), true));
    }

    @Test
    void aReplacementExecutorMayTakeAnIdleOnesShare() {
        // Executor 1 was lost before the epoch; its replacement 2 registered during it and got the one partition.
        TrainingAudit audit = new TrainingAudit(3, 100, 4, Map.of("2", 100L));
        assertDoesNotThrow(() -> audit.require("sharing", Set.of("0"), Set.of("0", "2"), true));
    }
}
