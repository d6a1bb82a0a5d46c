package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrialArraysTest {
    @Test
    void concatenatesNeuronsFirstArrayFirst() {
        double[][][] joined = TrialArrays.concatNeurons(new double[][][] {{{1, 2}, {3, 4}}},
                new double[][][] {{{5}, {6}}});
        assertArrayEquals(new double[] {1, 2, 5}, joined[0][0], 0.0);
        assertArrayEquals(new double[] {3, 4, 6}, joined[0][1], 0.0);
        int[][][] counts = TrialArrays.concatNeurons(new int[][][] {{{1}}, {{2}}}, new int[][][] {{{3}}, {{4}}});
        assertArrayEquals(new int[] {2, 4}, counts[1][0]);
    }

    @Test
    void rowsAreTrialMajor() {
        double[][][] x = {{{1}, {2}}, {{3}, {4}}};
        double[][] rows = TrialArrays.rows(x);
        assertEquals(4, rows.length);
        assertSame(x[1][0], rows[2]);
        assertEquals(4.0, rows[3][0], 0.0);
    }

    @Test
    void namesTheTrialAndBinOfARaggedOrEmptyArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialArrays.shape("rates", new double[][][] {{{1}, {2}}, {{3}}}));
        assertEquals("rates trial 1 has 1 bins, expected 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialArrays.shape("rates", new double[][][] {{{1}, {2, 3}}}));
        assertEquals("rates trial 0 bin 1 has 2 neurons, expected 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrialArrays.counts("spikes", new int[0][][]));
        assertEquals("spikes has no trials", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrialArrays.counts("spikes", new int[][][] {{{}}}));
        assertEquals("spikes trial 0 bin 0 has no neurons", e.getMessage());
    }
}
