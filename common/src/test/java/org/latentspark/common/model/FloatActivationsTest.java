package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatActivationsTest {
    @Test
    void tanhAndSigmoidAreWithinFloatPrecisionEverywhere() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (double z = -40; z <= 40; z += 1e-3) {
            float f = (float) z;
            worstTanh = Math.max(worstTanh, Math.abs(FloatActivations.tanh(f) - Math.tanh(f)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(FloatActivations.sigmoid(f) - 1 / (1 + Math.exp(-f))));
        }
        // A float holds values near 1 to 6e-8; the approximation is documented to 2.2e-7, and evaluated in float
        // it stays within five of those steps.
        assertTrue(worstTanh < 3e-7, "tanh off by " + worstTanh);
        assertTrue(worstSigmoid < 1.7e-7, "sigmoid off by " + worstSigmoid);
        assertEquals(0, FloatActivations.tanh(0), 0);
        assertEquals(0.5, FloatActivations.sigmoid(0), 0);
        assertEquals(-FloatActivations.tanh(0.37f), FloatActivations.tanh(-0.37f), 0, "odd");
        assertEquals(1, FloatActivations.tanh(1e6f), 3e-7);
    }
}
