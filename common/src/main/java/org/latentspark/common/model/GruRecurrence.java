package org.latentspark.common.model;

import org.latentspark.common.model.arrays.ArrayMemory;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One run of a GRU (Cho et al. 2014) over T steps for n sequences, forward and back through time, in time order or,
 * for an encoder's second direction, in reverse. Per step, from state h and the step's input terms x_u, x_r, x_c:
 * <pre>
 *   u = σ(h·W_u + x_u + b_u),  r = σ(h·W_r + x_r + b_r),  c = tanh((r ⊙ h)·W_c + x_c + b_c),  h ← c + u ⊙ (h − c)
 * </pre>
 * A caller with inputs puts their terms into {@link #gateInputs} and {@link #candidateInputs} before each
 * {@link #forward}: there the step's products add onto them (gemm with β = 1), and the gates and candidates then
 * replace them. The forward pass keeps every state, gate and candidate; the backward pass leaves the gradients with
 * respect to the gates' and candidates' pre-activations of every step, from which each weight's gradient, summed
 * over steps, is one matrix product. Every per-step array is in time order whichever way the run goes, so that a
 * caller's products over all steps need no reversed copies. Callers run it outside DL4J's workspaces, since its
 * arrays live from forward to backward.
 *
 * <p>A step is two matrix products ({@link DirectGemm}, into arrays made once) and the element-wise rest in plain
 * loops ({@link GruCells}). The element-wise rest as ND4J ops was about 12 ops a step forward and 20 back, each tens
 * of microseconds of call overhead on these small arrays: 1.2 ms a step at n = 32, u = 64, most of an LFADS minibatch.
 */
final class GruRecurrence {
    private final int units;
    private final int steps;
    private final int n;
    /** Whether time runs from the last step to the first (states[T] is then the initial state). */
    private final boolean reversed;
    /** States [T+1, n, u] (the initial one at 0, or at T when reversed), gates [T, n, 2u] (update then reset, after
     *  the sigmoid), candidates [T, n, u] and reset-gated states r ⊙ h [T, n, u]. */
    private final INDArray states;
    private final INDArray gates;
    private final INDArray candidates;
    private final INDArray resetStates;
    /** After {@link #backward}: gradients with respect to the pre-activations, [T, n, 2u] and [T, n, u]. */
    private final INDArray gateGradients;
    private final INDArray candidateGradients;
    /** Backward's per-step products dL/d(r ⊙ h) and dL/dh through the gates' weights, [n, u]. */
    private final INDArray resetStateProduct;
    private final INDArray stateProduct;
    /** Per step, views made once (ND4J gives every view its own deallocation record). */
    private final INDArray[] stateAt;
    private final INDArray[] gatesAt;
    private final INDArray[] candidateAt;
    private final INDArray[] resetStateAt;
    private final INDArray[] gateGradientAt;
    private final INDArray[] candidateGradientAt;
    private final ArrayMemory stateMemory;
    private final ArrayMemory gateMemory;
    private final ArrayMemory candidateMemory;
    private final ArrayMemory resetStateMemory;
    private final ArrayMemory gateGradientMemory;
    private final ArrayMemory candidateGradientMemory;
    private final ArrayMemory resetStateProductMemory;
    private final ArrayMemory stateProductMemory;
    private final GruCells cells;

    GruRecurrence(DataType type, int steps, long n, int units, boolean reversed) {
        this.units = units;
        this.steps = steps;
        this.n = Math.toIntExact(n);
        this.reversed = reversed;
        states = Nd4j.create(type, steps + 1, n, units);
        gates = Nd4j.create(type, steps, n, 2L * units);
        candidates = Nd4j.create(type, steps, n, units);
        resetStates = Nd4j.create(type, steps, n, units);
        gateGradients = Nd4j.create(type, steps, n, 2L * units);
        candidateGradients = Nd4j.create(type, steps, n, units);
        resetStateProduct = Nd4j.create(type, n, units);
        stateProduct = Nd4j.create(type, n, units);
        stateAt = new INDArray[steps + 1];
        gatesAt = new INDArray[steps];
        candidateAt = new INDArray[steps];
        resetStateAt = new INDArray[steps];
        gateGradientAt = new INDArray[steps];
        candidateGradientAt = new INDArray[steps];
        for (int t = 0; t <= steps; t++) {
            stateAt[t] = states.slice(t);
        }
        for (int t = 0; t < steps; t++) {
            gatesAt[t] = gates.slice(t);
            candidateAt[t] = candidates.slice(t);
            resetStateAt[t] = resetStates.slice(t);
            gateGradientAt[t] = gateGradients.slice(t);
            candidateGradientAt[t] = candidateGradients.slice(t);
        }
        stateMemory = ArrayMemory.of(states);
        gateMemory = ArrayMemory.of(gates);
        candidateMemory = ArrayMemory.of(candidates);
        resetStateMemory = ArrayMemory.of(resetStates);
        gateGradientMemory = ArrayMemory.of(gateGradients);
        candidateGradientMemory = ArrayMemory.of(candidateGradients);
        resetStateProductMemory = ArrayMemory.of(resetStateProduct);
        stateProductMemory = ArrayMemory.of(stateProduct);
        cells = GruCells.of(type, this.n, units);
    }

    /** Whether this recurrence has these dimensions (its direction is its own). */
    boolean fits(DataType type, int steps, long n, int units) {
        return this.steps == steps && this.units == units && this.n == n && states.dataType() == type;
    }

    /** Frees the arrays' memory now, rather than when ND4J's deallocator threads get to them. */
    void close() {
        for (INDArray a : new INDArray[] {states, gates, candidates, resetStates, gateGradients,
                candidateGradients, resetStateProduct, stateProduct}) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    /** Where each step's gate input terms [x_u, x_r] go before {@link #forward}: [T·n, 2u], in time order. */
    INDArray gateInputs() {
        return rows(gates);
    }

    /** Where each step's candidate input terms x_c go before {@link #forward}: [T·n, u], in time order. */
    INDArray candidateInputs() {
        return rows(candidates);
    }

    /** The time step that the run takes {@code s}-th. */
    private int time(int s) {
        return reversed ? steps - 1 - s : s;
    }

    /** The index in {@code states} of the state before time step t, and after it. */
    private int before(int t) {
        return reversed ? t + 1 : t;
    }

    private int after(int t) {
        return reversed ? t : t + 1;
    }

    /**
     * Runs the steps.
     *
     * @param initial          h before the first step, [n, u]
     * @param withInputs       whether {@link #gateInputs} and {@link #candidateInputs} hold input terms, which the
     *                         steps' products then add to; else the products overwrite them
     * @param gateWeights      [W_u, W_r], [u, 2u]
     * @param gateBias         [b_u, b_r], [1, 2u], or null
     * @param candidateWeights W_c, [u, u]
     * @param candidateBias    b_c, [1, u], or null
     */
    void forward(INDArray initial, boolean withInputs, INDArray gateWeights, INDArray gateBias,
                 INDArray candidateWeights, INDArray candidateBias) {
        int cellsPerStep = n * units;
        int first = before(time(0));
        double onto = withInputs ? 1.0 : 0.0;
        stateAt[first].assign(initial);
        cells.startForward(stateMemory, first * cellsPerStep, memory(gateBias), memory(candidateBias));
        for (int s = 0; s < steps; s++) {
            int t = time(s);
            DirectGemm.gemm(stateAt[before(t)], gateWeights, gatesAt[t], false, false, 1.0, onto);
            cells.gates(gateMemory, 2 * t * cellsPerStep, resetStateMemory, t * cellsPerStep);
            DirectGemm.gemm(resetStateAt[t], candidateWeights, candidateAt[t], false, false, 1.0, onto);
            cells.candidate(candidateMemory, t * cellsPerStep, stateMemory, after(t) * cellsPerStep);
        }
    }

    private static ArrayMemory memory(INDArray array) {
        return array == null ? null : ArrayMemory.of(ArrayMemory.contiguousOrCopy(array));
    }

    /**
     * Backpropagation through time.
     *
     * @param perStep gradient of the loss with respect to each time step's output state, [T, n, u], or null
     * @param last    gradient with respect to the last state, [n, u], or null
     * @return the gradient with respect to the initial state, [n, u], a new array
     */
    INDArray backward(INDArray perStep, INDArray last, INDArray gateWeights, INDArray candidateWeights) {
        int cellsPerStep = n * units;
        cells.startBackward(memory(last));
        ArrayMemory perStepMemory = memory(perStep);
        for (int s = steps - 1; s >= 0; s--) {
            int t = time(s);
            cells.candidateGradient(perStepMemory, t * cellsPerStep, stateMemory, before(t) * cellsPerStep,
                    gateMemory, 2 * t * cellsPerStep, candidateMemory, t * cellsPerStep,
                    candidateGradientMemory, t * cellsPerStep);
            DirectGemm.gemm(candidateGradientAt[t], candidateWeights, resetStateProduct, false, true, 1.0, 0.0);
            cells.gateGradients(resetStateProductMemory, gateGradientMemory, 2 * t * cellsPerStep);
            DirectGemm.gemm(gateGradientAt[t], gateWeights, stateProduct, false, true, 1.0, 0.0);
            cells.previousStateGradient(stateProductMemory);
        }
        INDArray initialGradient = Nd4j.create(states.dataType(), n, units);
        cells.finishBackward(ArrayMemory.of(initialGradient));
        return initialGradient;
    }

    /** The states after each time step, [T, n, u], in time order. */
    INDArray outputs() {
        return statesFrom(reversed ? 0 : 1);
    }

    /** The state after the run's last step (time step 0 when reversed), [n, u]. */
    INDArray last() {
        return states.slice(after(time(steps - 1)));
    }

    /** [T, n, u]: the states from index {@code first} on. */
    private INDArray statesFrom(int first) {
        return states.get(NDArrayIndex.interval(first, first + steps), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /**
     * After {@link #backward}: the gradient of [W_u, W_r], summed over steps, written into {@code into} ([u, 2u],
     * no gaps, such as a layer's gradient view). A gemm with its transpose flag: a transposed view's mmul ran
     * 13 times as slow (1.4 ms against 0.11 for [1,280, 64]ᵀ·[1,280, 64]).
     */
    void gateWeightGradient(INDArray into) {
        INDArray before = statesFrom(reversed ? 1 : 0);
        DirectGemm.gemm(rows(before), rows(gateGradients), into, true, false, 1.0, 0.0);
    }

    /** After {@link #backward}: the gradient of W_c, summed over steps, written into {@code into} ([u, u]). */
    void candidateWeightGradient(INDArray into) {
        DirectGemm.gemm(rows(resetStates), rows(candidateGradients), into, true, false, 1.0, 0.0);
    }

    /**
     * After {@link #backward}: the gradients of the biases [b_u, b_r] and b_c, summed over steps and rows, written
     * into {@code gateInto} ([1, 2u]) and {@code candidateInto} ([1, u]), contiguous (a layer's gradient views).
     */
    void biasGradients(INDArray gateInto, INDArray candidateInto) {
        cells.biasGradients(ArrayMemory.of(gateInto), ArrayMemory.of(candidateInto));
    }

    /** After {@link #backward}: the gradients with respect to the gates' pre-activations, [T·n, 2u]. */
    INDArray gateGradients() {
        return rows(gateGradients);
    }

    /** After {@link #backward}: the gradients with respect to the candidates' pre-activations, [T·n, u]. */
    INDArray candidateGradients() {
        return rows(candidateGradients);
    }

    /** [T, n, k] as [T·n, k]. */
    static INDArray rows(INDArray perStep) {
        return perStep.reshape('c', new long[] {perStep.size(0) * perStep.size(1), perStep.size(2)});
    }
}
