package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequentialVaeArchitectureTest {
    @Test
    void multiplyAddsCountEachWeightMatrixAsOftenAsItApplies() {
        // 2 held-in and 1 held-out neuron, 3 bins and 1 forward bin, 2 factors, encoder 1 unit a direction,
        // generator 2 units, g0 of 1.
        SequentialVaeArchitecture arch = new SequentialVaeArchitecture(2, 1, 3, 1, 2, 1, 2, 1, 0.0);
        long encoder = 2 * 3 * (2 * 3 + 1 * 2 + 1 * 1);   // both directions, 3 steps: W_x, W_h, W_c
        long posterior = 2 * 2;                           // [2e] -> [μ, log σ²]
        long generator = 1 * 2 + 4 * (2 * 4 + 2 * 2);     // W_0 once; [W_u W_r] and W_c at each of 4 steps
        long readouts = 4 * (2 * 2 + 2 * 3);              // factors and rates at each of 4 steps
        assertEquals(encoder + posterior + generator + readouts, arch.multiplyAddsPerExample());
        assertEquals(54 + 4 + 50 + 40, arch.multiplyAddsPerExample());
    }
}
