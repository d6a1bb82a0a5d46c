package org.latentspark.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;

class SearchTrainingTest {
    @Test
    void aTrainingSplitLargerThanOneTaskMayHoldIsRefusedWithTheKeyToRaise() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SearchTraining.requireFits(120_000, 50_000, "/data/session", "trials"));
        assertEquals("train.search trains each candidate in one task on the whole training split, and dataset "
                + "/data/session has 120000 training trials, more than train.search.max-examples (50000): raise it "
                + "if one executor holds them, or train one model with train.search.candidates = 0", e.getMessage());
        assertDoesNotThrow(() -> SearchTraining.requireFits(50_000, 50_000, "d", "trials"));
    }
}
