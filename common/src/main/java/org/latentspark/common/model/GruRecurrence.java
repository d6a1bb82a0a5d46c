package org.latentspark.common.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One run of a GRU (Cho et al. 2014) over T steps for n sequences, forward and back through time, in a few ND4J ops
 * a step. Per step, from state h and the step's input terms x_u, x_r, x_c (zero where the GRU has no input):
 * <pre>
 *   u = σ(h·W_u + b_u + x_u),  r = σ(h·W_r + b_r + x_r),  c = tanh((r ⊙ h)·W_c + b_c + x_c),  h ← c + u ⊙ (h − c)
 * </pre>
 * The forward pass keeps every state, gate and candidate; the backward pass leaves the gradients with respect to
 * the gates' and candidates' pre-activations of every step, from which each weight's gradient, summed over steps,
 * is one matrix product. Callers run it outside DL4J's workspaces, since its arrays live from forward to backward.
 */
final class GruRecurrence {
    private static final String STEP_WORKSPACE = "LATENTSPARK_GRU_STEP";
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT).build();
    private final int units;
    private final int steps;
    /** States [T+1, n, u] (the initial one first), gates [T, n, 2u] (update then reset, after the sigmoid),
     *  candidates [T, n, u] and reset-gated states r ⊙ h [T, n, u]. */
    private final INDArray states;
    private final INDArray gates;
    private final INDArray candidates;
    private final INDArray resetStates;
    /** After {@link #backward}: gradients with respect to the pre-activations, [T, n, 2u] and [T, n, u]. */
    private final INDArray gateGradients;
    private final INDArray candidateGradients;
    /**
     * Per step, views made once: ND4J gives every view its own deallocation record, freed by its deallocator threads
     * after the garbage collector, and a view made each step of each pass outran them (see {@link #stepWorkspace}).
     */
    private final INDArray[] stateAt;
    private final INDArray[] gatesAt;
    private final INDArray[] updateAt;
    private final INDArray[] resetAt;
    private final INDArray[] candidateAt;
    private final INDArray[] resetStateAt;
    private final INDArray[] gateGradientAt;
    private final INDArray[] updateGradientAt;
    private final INDArray[] resetGradientAt;
    private final INDArray[] candidateGradientAt;

    GruRecurrence(DataType type, int steps, long n, int units) {
        this.units = units;
        this.steps = steps;
        states = Nd4j.create(type, steps + 1, n, units);
        gates = Nd4j.create(type, steps, n, 2L * units);
        candidates = Nd4j.create(type, steps, n, units);
        resetStates = Nd4j.create(type, steps, n, units);
        gateGradients = Nd4j.create(type, steps, n, 2L * units);
        candidateGradients = Nd4j.create(type, steps, n, units);
        stateAt = new INDArray[steps + 1];
        gatesAt = new INDArray[steps];
        updateAt = new INDArray[steps];
        resetAt = new INDArray[steps];
        candidateAt = new INDArray[steps];
        resetStateAt = new INDArray[steps];
        gateGradientAt = new INDArray[steps];
        updateGradientAt = new INDArray[steps];
        resetGradientAt = new INDArray[steps];
        candidateGradientAt = new INDArray[steps];
        for (int t = 0; t <= steps; t++) {
            stateAt[t] = states.slice(t);
        }
        for (int t = 0; t < steps; t++) {
            gatesAt[t] = gates.slice(t);
            updateAt[t] = update(gatesAt[t]);
            resetAt[t] = reset(gatesAt[t]);
            candidateAt[t] = candidates.slice(t);
            resetStateAt[t] = resetStates.slice(t);
            gateGradientAt[t] = gateGradients.slice(t);
            updateGradientAt[t] = update(gateGradientAt[t]);
            resetGradientAt[t] = reset(gateGradientAt[t]);
            candidateGradientAt[t] = candidateGradients.slice(t);
        }
    }

    /**
     * A recurrence of these dimensions: {@code previous} when it has them (every pass overwrites its arrays), else a
     * new one, {@code previous} closed.
     */
    static GruRecurrence reuse(GruRecurrence previous, DataType type, int steps, long n, int units) {
        if (previous != null) {
            if (previous.steps == steps && previous.units == units && previous.states.size(1) == n
                    && previous.states.dataType() == type) {
                return previous;
            }
            previous.close();
        }
        return new GruRecurrence(type, steps, n, units);
    }

    /** Frees the arrays' memory now, rather than when ND4J's deallocator threads get to them. */
    void close() {
        for (INDArray a : new INDArray[] {states, gates, candidates, resetStates, gateGradients,
                candidateGradients}) {
            if (a.closeable()) {
                a.close();
            }
        }
    }

    /**
     * @param initial         h before the first step, [n, u]
     * @param inputs          per step the input terms [x_u, x_r, x_c], [T, n, 3u] (biases included), or null
     * @param gateWeights     [W_u, W_r], [u, 2u]
     * @param gateBias        [b_u, b_r], [1, 2u], or null
     * @param candidateWeights W_c, [u, u]
     * @param candidateBias   b_c, [1, u], or null
     */
    void forward(INDArray initial, INDArray inputs, INDArray gateWeights, INDArray gateBias,
                 INDArray candidateWeights, INDArray candidateBias) {
        states.slice(0).assign(initial);
        for (int t = 0; t < steps; t++) {
            try (MemoryWorkspace ignored = stepWorkspace()) {
                forwardStep(t, inputs, gateWeights, gateBias, candidateWeights, candidateBias);
            }
        }
    }

    private void forwardStep(int t, INDArray inputs, INDArray gateWeights, INDArray gateBias,
                             INDArray candidateWeights, INDArray candidateBias) {
        INDArray h = stateAt[t];
        INDArray x = inputs == null ? null : inputs.slice(t);
        INDArray g = gatesAt[t].assign(h.mmul(gateWeights));
        if (x != null) {
            g.addi(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * units)));
        }
        if (gateBias != null) {
            g.addiRowVector(gateBias);
        }
        Transforms.sigmoid(g, false);
        INDArray rh = resetStateAt[t].assign(resetAt[t]).muli(h);
        INDArray c = candidateAt[t].assign(rh.mmul(candidateWeights));
        if (x != null) {
            c.addi(x.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * units, 3 * units)));
        }
        if (candidateBias != null) {
            c.addiRowVector(candidateBias);
        }
        Transforms.tanh(c, false);
        stateAt[t + 1].assign(h).subi(c).muli(updateAt[t]).addi(c);
    }

    /**
     * Backpropagation through time.
     *
     * @param perStep gradient of the loss with respect to each step's output state, [T, n, u], or null
     * @param last    gradient with respect to the last state, [n, u], or null
     * @return the gradient with respect to the initial state, [n, u]
     */
    INDArray backward(INDArray perStep, INDArray last, INDArray gateWeights, INDArray candidateWeights) {
        INDArray dh = last == null ? Nd4j.zeros(states.dataType(), states.size(1), units) : last.dup();
        INDArray gateWeightsT = gateWeights.transpose();
        INDArray candidateWeightsT = candidateWeights.transpose();
        for (int t = steps - 1; t >= 0; t--) {
            try (MemoryWorkspace ignored = stepWorkspace()) {
                // The gradient with respect to the state before step t replaces dh's contents.
                dh.assign(backwardStep(t, perStep, dh, gateWeightsT, candidateWeightsT));
            }
        }
        return dh;
    }

    /** The gradient with respect to the state before step t, from dh, the one with respect to the state after it. */
    private INDArray backwardStep(int t, INDArray perStep, INDArray dh, INDArray gateWeightsT,
                                  INDArray candidateWeightsT) {
        if (perStep != null) {
            dh.addi(perStep.slice(t));
        }
        INDArray h = stateAt[t];
        INDArray c = candidateAt[t];
        INDArray update = updateAt[t];
        INDArray reset = resetAt[t];
        // Through c = tanh(·): dL/dc = dh ⊙ (1 − u), times 1 − c².
        INDArray dzc = candidateGradientAt[t].assign(c).muli(c).rsubi(1).muli(update.rsub(1)).muli(dh);
        INDArray drh = dzc.mmul(candidateWeightsT);
        // Through u = σ(·): dL/du = dh ⊙ (h − c), times u(1 − u);
        // through r = σ(·): dL/dr = drh ⊙ h, times r(1 − r).
        updateGradientAt[t].assign(update.rsub(1).muli(update).muli(h.sub(c)).muli(dh));
        resetGradientAt[t].assign(reset.rsub(1).muli(reset).muli(drh).muli(h));
        INDArray previous = gateGradientAt[t].mmul(gateWeightsT);
        return previous.addi(dh.muli(update)).addi(drh.muli(reset));
    }

    /**
     * A workspace for one step's temporaries, reused step after step. ND4J frees an array made outside a workspace,
     * and each view, through its deallocator threads once the garbage collector has found it; a GRU made tens of
     * thousands a minibatch, and on 2 busy cores those threads fell behind by millions (LFADS at 110 bins: 23 GiB
     * resident after 10 minutes, until the machine ran out of memory). With this workspace and the views made once
     * per recurrence the backlog grows half as fast per epoch and training runs 1.4× as fast; it still grows.
     */
    private static MemoryWorkspace stepWorkspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, STEP_WORKSPACE);
    }

    /** The states after each step, [T, n, u]. */
    INDArray outputs() {
        return states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The state after the last step, [n, u]. */
    INDArray last() {
        return states.slice(steps);
    }

    /** After {@link #backward}: the gradient of [W_u, W_r], summed over steps. */
    INDArray gateWeightGradient() {
        INDArray before = states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
        return rows(before).transpose().mmul(rows(gateGradients));
    }

    /** After {@link #backward}: the gradient of W_c, summed over steps. */
    INDArray candidateWeightGradient() {
        return rows(resetStates).transpose().mmul(rows(candidateGradients));
    }

    /** After {@link #backward}: the gradients with respect to the gates' pre-activations, [T, n, 2u]. */
    INDArray gateGradients() {
        return gateGradients;
    }

    /** After {@link #backward}: the gradients with respect to the candidates' pre-activations, [T, n, u]. */
    INDArray candidateGradients() {
        return candidateGradients;
    }

    /** [T, n, k] as [T·n, k]. */
    static INDArray rows(INDArray perStep) {
        return perStep.reshape('c', new long[] {perStep.size(0) * perStep.size(1), perStep.size(2)});
    }

    private INDArray update(INDArray gatesOfStep) {
        return gatesOfStep.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units));
    }

    private INDArray reset(INDArray gatesOfStep) {
        return gatesOfStep.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units));
    }
}
