package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;

/** Counts checked against TestRecordings.small by hand: units in the order 11, 5, 42; bins of 250 ms. */
class SpikeBinnerTest {
    private final SpikeRecording rec = TestRecordings.small("s", "s.nwb");

    @Test
    void trialStartWindowsOfTheShortestTrialWithLeftClosedBins() {
        SpikeBinner.TrialWindows w = SpikeBinner.fromTrialStart(250, 0, 0).plan(List.of(rec));

        assertEquals(4, w.bins(), "shortest trial 1 s / 250 ms");
        assertEquals(0, w.forwardBins());
        // Trial 0, [0, 1): unit 11 at 0.013, 0.1 (bin 0), 0.5 (on the edge: bin 2); unit 42 at 0.0 (bin 0),
        // 0.999 (bin 3); 1.0 is the window's end and stays out.
        assertArrayEquals(new int[] {2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1}, w.counts(rec, 0, 0));
        // Trial 1, [1.5, 2.5): unit 11 at 1.6, 1.65; unit 42 at 1.5 (start edge, in), 2.49; 2.5 out.
        assertArrayEquals(new int[] {2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, w.counts(rec, 0, 1));
        // Trial 2, [3, 4): unit 11 at 3.2, 3.3; unit 42 at 4.1 out.
        assertArrayEquals(new int[] {1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, w.counts(rec, 0, 2));
        // Out of every window: unit 42 at 1.0, 2.5 and 4.1.
        assertEquals(3, w.droppedSpikes(rec, 0));
        assertEquals(0, w.skippedTrials());
    }

    @Test
    void eventAlignedWindowWithForwardBinsSkipsTrialsWithoutTheEvent() {
        SpikeBinner.TrialWindows w = SpikeBinner.aroundEvent(250, "go_cue_time", 250, 500, 250)
                .plan(List.of(rec));

        assertEquals(3, w.bins());
        assertEquals(1, w.forwardBins());
        // Go cues at 0.25 and 1.75: windows from 0.0 and 1.5, the same grid as the trial-start case, the fourth
        // bin now being the forward bin. Trial 2 has no go cue.
        assertArrayEquals(new int[] {2, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1}, w.counts(rec, 0, 0));
        assertTrue(w.has(0, 1));
        assertFalse(w.has(0, 2));
        assertEquals(1, w.skippedTrials());
        // Now unit 11's 3.2 and 3.3 fall in no window either.
        assertEquals(5, w.droppedSpikes(rec, 0));
    }

    @Test
    void decimalTimesOnAnEdgeLandInTheBinStartingThere() {
        // (0.13 - 0.1) / 0.01 is 2.9999999999999996 in binary floating point.
        SpikeRecording edge = new SpikeRecording("e", new long[] {1}, new double[][] {{0.13, 0.15}},
                new double[] {0.1}, new double[] {0.15}, null, Map.of(), "e.nwb");
        SpikeBinner.TrialWindows w = SpikeBinner.fromTrialStart(10, 0, 0).plan(List.of(edge));
        assertEquals(5, w.bins());
        assertArrayEquals(new int[] {0, 0, 0, 1, 0}, w.counts(edge, 0, 0));
        assertEquals(1, w.droppedSpikes(edge, 0), "0.15 is the window's end");
    }

    @Test
    void configuredLengthMustBeWholeBins() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SpikeBinner.fromTrialStart(10, 105, 0).plan(List.of(rec)));
        assertTrue(e.getMessage().contains("dataset.neural.length-ms"), e.getMessage());
    }

    @Test
    void trialShorterThanABinNamesTheTrial() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SpikeBinner.fromTrialStart(2000, 0, 0).plan(List.of(rec)));
        assertTrue(e.getMessage().contains("s.nwb trial 0"), e.getMessage());
    }

    @Test
    void missingAlignmentColumnNamesFileAndColumn() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SpikeBinner.aroundEvent(10, "move_onset_time", 100, 100, 0).plan(List.of(rec)));
        assertTrue(e.getMessage().contains("s.nwb"), e.getMessage());
        assertTrue(e.getMessage().contains("move_onset_time"), e.getMessage());
    }
}
