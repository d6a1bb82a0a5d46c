package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float recurrence against the double one, which {@link EncoderGruLayerTest} and {@link GeneratorGruLayerTest}
 * check by hand and by finite differences: forward and back, in both directions, to float precision.
 */
class FloatGruCellsTest {
    private static final int N = 4;
    private static final int STEPS = 30;
    private static final int UNITS = 5;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFloatRecurrenceFollowsTheDoubleOneForwardAndBack(boolean reversed) {
        Nd4j.getRandom().setSeed(17);
        Data data = new Data(Nd4j.randn(DataType.DOUBLE, STEPS * N, 2L * UNITS).muli(2),
                Nd4j.randn(DataType.DOUBLE, STEPS * N, UNITS).muli(2));
        Run precise = new Run(DataType.DOUBLE, reversed, true, data);
        Run fast = new Run(DataType.FLOAT, reversed, true, data);
        assertClose("states", precise.states, fast.states, 1e-5);
        assertTrue(precise.states.amaxNumber().doubleValue() > 0.5, "the states must move for this to check much");
        assertClose("initial state's gradient", precise.initialGradient, fast.initialGradient, 1e-4);
        assertClose("gate weights' gradient", precise.gateWeightGradient, fast.gateWeightGradient, 1e-4);
        assertClose("candidate weights' gradient", precise.candidateWeightGradient, fast.candidateWeightGradient,
                1e-4);
        assertClose("gate inputs' gradient", precise.gateGradients, fast.gateGradients, 1e-4);
        assertClose("gate biases' gradient", precise.gateBiasGradient, fast.gateBiasGradient, 1e-4);
        assertClose("candidate bias's gradient", precise.candidateBiasGradient, fast.candidateBiasGradient, 1e-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void withoutInputsTheProductsOverwriteWhatTheInputRowsHeld(String type) {
        Nd4j.getRandom().setSeed(5);
        Data zero = new Data(Nd4j.zeros(DataType.DOUBLE, STEPS * N, 2L * UNITS),
                Nd4j.zeros(DataType.DOUBLE, STEPS * N, UNITS));
        Data stale = new Data(zero.gateInputs.add(1e3), zero.candidateInputs.add(-1e3), zero);
        Run withZeros = new Run(DataType.valueOf(type), false, true, zero);
        Run over = new Run(DataType.valueOf(type), false, false, stale);
        assertClose("states", withZeros.states, over.states, 1e-6);
        assertClose("gate biases' gradient", withZeros.gateBiasGradient, over.gateBiasGradient, 1e-6);
        assertTrue(withZeros.gateBiasGradient.amaxNumber().doubleValue() > 1e-3, "the biases must get a gradient");
    }

    /** Relative to the largest element of the double result. */
    private static void assertClose(String what, INDArray precise, INDArray fast, double tolerance) {
        double scale = Math.max(1, precise.amaxNumber().doubleValue());
        double worst = precise.sub(fast.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
        assertTrue(worst < tolerance, what + " differ by " + worst + " of " + scale);
    }

    /** Inputs, weights, biases and upstream gradients, drawn once, in double. */
    private static final class Data {
        final INDArray gateInputs;
        final INDArray candidateInputs;
        final INDArray initial;
        final INDArray gateWeights;
        final INDArray gateBias;
        final INDArray candidateWeights;
        final INDArray candidateBias;
        final INDArray perStep;
        final INDArray last;

        Data(INDArray gateInputs, INDArray candidateInputs) {
            this.gateInputs = gateInputs;
            this.candidateInputs = candidateInputs;
            initial = Nd4j.randn(DataType.DOUBLE, N, UNITS);
            gateWeights = Nd4j.randn(DataType.DOUBLE, UNITS, 2L * UNITS);
            gateBias = Nd4j.randn(DataType.DOUBLE, 1, 2L * UNITS);
            candidateWeights = Nd4j.randn(DataType.DOUBLE, UNITS, UNITS);
            candidateBias = Nd4j.randn(DataType.DOUBLE, 1, UNITS);
            perStep = Nd4j.randn(DataType.DOUBLE, STEPS, N, UNITS);
            last = Nd4j.randn(DataType.DOUBLE, N, UNITS);
        }

        /** Other inputs, the rest of {@code same}. */
        Data(INDArray gateInputs, INDArray candidateInputs, Data same) {
            this.gateInputs = gateInputs;
            this.candidateInputs = candidateInputs;
            initial = same.initial;
            gateWeights = same.gateWeights;
            gateBias = same.gateBias;
            candidateWeights = same.candidateWeights;
            candidateBias = same.candidateBias;
            perStep = same.perStep;
            last = same.last;
        }
    }

    /** One recurrence forward and back in the given type, its results in double. */
    private static final class Run {
        final INDArray states;
        final INDArray initialGradient;
        final INDArray gateWeightGradient;
        final INDArray candidateWeightGradient;
        final INDArray gateGradients;
        final INDArray gateBiasGradient;
        final INDArray candidateBiasGradient;

        Run(DataType type, boolean reversed, boolean withInputs, Data data) {
            GruRecurrence recurrence = new GruRecurrence(type, STEPS, N, UNITS, reversed);
            recurrence.gateInputs().assign(data.gateInputs.castTo(type));
            recurrence.candidateInputs().assign(data.candidateInputs.castTo(type));
            INDArray gw = data.gateWeights.castTo(type);
            INDArray cw = data.candidateWeights.castTo(type);
            recurrence.forward(data.initial.castTo(type), withInputs, gw, data.gateBias.castTo(type), cw,
                    data.candidateBias.castTo(type));
            states = recurrence.outputs().castTo(DataType.DOUBLE);
            initialGradient = recurrence.backward(data.perStep.castTo(type), data.last.castTo(type), gw, cw)
                    .castTo(DataType.DOUBLE);
            INDArray gateWeightsInto = Nd4j.create(type, UNITS, 2L * UNITS);
            INDArray candidateWeightsInto = Nd4j.create(type, UNITS, UNITS);
            recurrence.gateWeightGradient(gateWeightsInto);
            recurrence.candidateWeightGradient(candidateWeightsInto);
            gateWeightGradient = gateWeightsInto.castTo(DataType.DOUBLE);
            candidateWeightGradient = candidateWeightsInto.castTo(DataType.DOUBLE);
            gateGradients = recurrence.gateGradients().castTo(DataType.DOUBLE);
            INDArray gateBiasInto = Nd4j.create(type, 1, 2L * UNITS);
            INDArray candidateBiasInto = Nd4j.create(type, 1, UNITS);
            recurrence.biasGradients(gateBiasInto, candidateBiasInto);
            gateBiasGradient = gateBiasInto.castTo(DataType.DOUBLE);
            candidateBiasGradient = candidateBiasInto.castTo(DataType.DOUBLE);
        }
    }
}
