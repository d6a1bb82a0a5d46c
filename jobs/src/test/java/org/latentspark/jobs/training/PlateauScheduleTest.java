package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentspark.common.config.TrainSettings;

class PlateauScheduleTest {

    @Test
    void lowersTheRateAfterPatienceEpochsWithoutANewBestAndCountsAgainFromThere() {
        PlateauSchedule s = new PlateauSchedule(new TrainSettings.Plateau(2, 0.5, 1e-6, 0), 0.01);
        assertFalse(s.observe(10).decayed());
        assertFalse(s.observe(9).decayed());
        assertFalse(s.observe(9.5).decayed());
        PlateauSchedule.Decision d = s.observe(9.0); // equal to the best: no improvement
        assertTrue(d.decayed());
        assertEquals(0.005, d.learningRate(), 1e-12);
        assertFalse(s.observe(9.2).decayed(), "the count starts again after a decay");
        assertTrue(s.observe(9.2).decayed());
        assertEquals(0.0025, s.learningRate(), 1e-12);
        assertFalse(s.observe(8).decayed(), "a new best");
        assertFalse(s.observe(8.5).decayed());
        assertNull(s.observe(8.5).stop(), "stop-patience 0: never stops");
    }

    @Test
    void anImprovementBelowTheRelativeThresholdIsNoNewBest() {
        PlateauSchedule s = new PlateauSchedule(new TrainSettings.Plateau(1, 0.5, 0, 0), 1);
        s.observe(1000);
        assertTrue(s.observe(1000 - 0.5 * PlateauSchedule.MIN_IMPROVEMENT * 1000).decayed());
        assertFalse(s.observe(1000 - 2 * PlateauSchedule.MIN_IMPROVEMENT * 1000).decayed());
    }

    @Test
    void stopsAfterStopPatienceEpochsOrWhenTheRateWouldFallBelowItsFloor() {
        PlateauSchedule patience = new PlateauSchedule(new TrainSettings.Plateau(0, 0.5, 0, 3), 0.01);
        patience.observe(5);
        assertNull(patience.observe(6).stop());
        assertNull(patience.observe(Double.NaN).stop());
        String why = patience.observe(5).stop();
        assertTrue(why != null && why.contains("3 epochs") && why.contains("stop-patience"), why);

        PlateauSchedule floor = new PlateauSchedule(new TrainSettings.Plateau(1, 0.1, 1e-3, 0), 0.01);
        floor.observe(5);
        assertTrue(floor.observe(6).decayed());
        String atFloor = floor.observe(6).stop();
        assertTrue(atFloor != null && atFloor.contains("min-learning-rate"), atFloor);
        assertEquals(1e-3, floor.learningRate(), 1e-12);
    }

    @Test
    void replayingTheSameScoresGivesTheSameRate() {
        double[] scores = {9, 8, 8.5, 8.4, 8.3, 7.9, 8, 8, 8, 8};
        PlateauSchedule whole = new PlateauSchedule(new TrainSettings.Plateau(2, 0.5, 0, 0), 1);
        for (double score : scores) {
            whole.observe(score);
        }
        PlateauSchedule resumed = new PlateauSchedule(new TrainSettings.Plateau(2, 0.5, 0, 0), 1);
        for (int i = 0; i < 6; i++) {
            resumed.observe(scores[i]);
        }
        for (int i = 6; i < scores.length; i++) {
            resumed.observe(scores[i]);
        }
        assertEquals(0.125, whole.learningRate(), 1e-12);
        assertEquals(whole.learningRate(), resumed.learningRate(), 0);
    }
}
