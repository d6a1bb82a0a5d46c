package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FloatActivationsTest {
    @Test
    void tanhAndSigmoidAreWithinFloatPrecisionEverywhere() {
        double worstTanh = 0;
        double worstSigmoid = 0;
        for (double z = -40; z <= 40; z += 1e-3) {
            worstTanh = Math.max(worstTanh, Math.abs(FloatActivations.tanh(z) - Math.tanh(z)));
            worstSigmoid = Math.max(worstSigmoid, Math.abs(FloatActivations.sigmoid(z) - 1 / (1 + Math.exp(-z))));
        }
        // A float holds values near 1 to 6e-8 and the approximation is documented to 2.2e-7.
        assertTrue(worstTanh < 2.5e-7, "tanh off by " + worstTanh);
        assertTrue(worstSigmoid < 1.3e-7, "sigmoid off by " + worstSigmoid);
        assertEquals(0, FloatActivations.tanh(0), 0);
        assertEquals(0.5, FloatActivations.sigmoid(0), 0);
        assertEquals(-FloatActivations.tanh(0.37), FloatActivations.tanh(-0.37), 0, "odd");
        assertEquals(1, FloatActivations.tanh(1e6), 3e-7);
    }

    @Test
    void aFloatRecurrenceFollowsTheDoubleOneToFloatPrecision() {
        int n = 4;
        int steps = 30;
        int units = 5;
        Nd4j.getRandom().setSeed(17);
        INDArray initial = Nd4j.randn(DataType.DOUBLE, n, units);
        INDArray inputs = Nd4j.randn(DataType.DOUBLE, steps, n, 3L * units).muli(2);
        INDArray gateWeights = Nd4j.randn(DataType.DOUBLE, units, 2L * units);
        INDArray candidateWeights = Nd4j.randn(DataType.DOUBLE, units, units);
        GruRecurrence precise = new GruRecurrence(DataType.DOUBLE, steps, n, units);
        precise.forward(initial, inputs, gateWeights, null, candidateWeights, null);
        GruRecurrence fast = new GruRecurrence(DataType.FLOAT, steps, n, units);
        fast.forward(initial.castTo(DataType.FLOAT), inputs.castTo(DataType.FLOAT),
                gateWeights.castTo(DataType.FLOAT), null, candidateWeights.castTo(DataType.FLOAT), null);
        double worst = precise.outputs().sub(fast.outputs().castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst < 1e-5, "states differ by " + worst);
        assertTrue(precise.outputs().amaxNumber().doubleValue() > 0.5, "the states must move for this to check much");
    }
}
