package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatentR2Test {
    @Test
    void scoresEachLatentOnTestTrialsAndAveragesUniformly() {
        // One factor f per bin. Latent 0 = 2 f + 1 exactly: R^2 = 1 (up to the probe's 1e-6 ridge).
        // Latent 1 is the LinearProbe hand case: train f = 0..3 -> 1, 0, 0, 1 (slope 0, predicts 0.5);
        // test f = 0, 1 -> 0, 2 (mean 1): SS_res = 0.25 + 2.25 = 2.5, SS_tot = 2, R^2 = -0.25.
        double[][][] trainFactors = {{{0}, {1}}, {{2}, {3}}};
        double[][][] trainLatents = {{{1, 1}, {3, 0}}, {{5, 0}, {7, 1}}};
        double[][][] testFactors = {{{0}, {1}}};
        double[][][] testLatents = {{{1, 0}, {3, 2}}};
        double[] r2 = LatentR2.perDimension(trainFactors, trainLatents, testFactors, testLatents);
        assertArrayEquals(new double[] {1.0, -0.25}, r2, 1e-9);
        assertEquals((1.0 - 0.25) / 2, LatentR2.mean(trainFactors, trainLatents, testFactors, testLatents), 1e-9);
    }

    @Test
    void rejectsMismatchedSplits() {
        double[][][] a = {{{0}, {1}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentR2.mean(a, new double[][][] {{{0}}}, a, a));
        assertEquals("trainFactors is 1 trials x 2 bins x 1 neurons but trainLatents is 1 trials x 1 bins x 1"
                + " neurons: expected the same trials and bins", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentR2.mean(a, a, new double[][][] {{{0, 1}, {1, 2}}}, a));
        assertEquals("train has 1 factors and 1 latents per bin but test has 2 and 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LatentR2.mean(a, a, a, new double[][][] {{{4}, {4}}}));
        assertEquals("testLatents dimension 0 has the same value in every test bin: R² is undefined", e.getMessage());
    }
}
