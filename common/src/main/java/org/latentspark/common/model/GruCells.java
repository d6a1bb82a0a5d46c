package org.latentspark.common.model;

import org.latentspark.common.model.arrays.ArrayMemory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A {@link GruRecurrence}'s element-wise work for one step at a time, between its matrix products, in the
 * recurrence's own precision: the step's rows are copied from the arrays' memory into plain Java arrays, computed in
 * loops HotSpot vectorizes, and copied back. Positions are in elements of the memory given (a step's block of n rows).
 * Holds the running state h and, going back, dL/dh, from one step to the next. The biases are added, and their
 * gradients summed, per step over a block of n copies of the bias row: a loop reading two arrays at one index
 * vectorizes, one reading a row against the bias does not (0.04 against 0.3-0.6 ns an element, [128, 64]).
 */
abstract class GruCells {
    final int n;
    final int units;
    final int cells;

    GruCells(int n, int units) {
        this.n = n;
        this.units = units;
        this.cells = n * units;
    }

    /** Float cells compute in float (eight lanes a vector, no conversions); double cells in double with Math.exp. */
    static GruCells of(DataType type, int n, int units) {
        return type == DataType.DOUBLE ? new DoubleGruCells(n, units) : new FloatGruCells(n, units);
    }

    /** h ← the state at {@code at}; the biases [1, 2u] and [1, u] (zero where null) for every step to add. */
    abstract void startForward(ArrayMemory states, int at, ArrayMemory gateBias, ArrayMemory candidateBias);

    /**
     * The gates' products at {@code gatesAt} (with any input terms) and their bias become u, r = σ(·) in place; r ⊙ h
     * is written to {@code resetStatesAt}.
     */
    abstract void gates(ArrayMemory gates, int gatesAt, ArrayMemory resetStates, int resetStatesAt);

    /**
     * The candidate's product at {@code candidatesAt} and its bias become c = tanh(·) in place; the next state
     * c + u ⊙ (h − c) is written to {@code statesAt} and becomes h. Needs the gates of {@link #gates}.
     */
    abstract void candidate(ArrayMemory candidates, int candidatesAt, ArrayMemory states, int statesAt);

    /** dL/dh ← the gradient with respect to the last state, or 0 where {@code last} is null; bias sums ← 0. */
    abstract void startBackward(ArrayMemory last);

    /**
     * Adds the step's own output gradient (where {@code perStep} is not null), reads the step's h, gates and candidate
     * back, and writes dL/d(candidate pre-activation) = dL/dh ⊙ (1 − u) ⊙ (1 − c²) to {@code candidateGradientsAt}.
     */
    abstract void candidateGradient(ArrayMemory perStep, int perStepAt, ArrayMemory states, int statesAt,
                                    ArrayMemory gates, int gatesAt, ArrayMemory candidates, int candidatesAt,
                                    ArrayMemory candidateGradients, int candidateGradientsAt);

    /**
     * From dL/d(r ⊙ h) (the candidate gradient's product with W_cᵀ, at {@code resetStateProduct}), writes the gates'
     * pre-activation gradients: u's, dL/dh ⊙ (h − c) ⊙ u(1 − u), and r's, dL/d(r ⊙ h) ⊙ h ⊙ r(1 − r).
     */
    abstract void gateGradients(ArrayMemory resetStateProduct, ArrayMemory gateGradients, int gateGradientsAt);

    /** dL/dh before the step: the gate gradients' product with W_gᵀ, plus h's paths through u and through r ⊙ h. */
    abstract void previousStateGradient(ArrayMemory stateProduct);

    /** Writes dL/dh (of the initial state, once the steps are done) to {@code into}. */
    abstract void finishBackward(ArrayMemory into);

    /** Writes the biases' gradients, the pre-activation gradients summed over steps and rows, [1, 2u] and [1, u]. */
    abstract void biasGradients(ArrayMemory gateInto, ArrayMemory candidateInto);
}
