package org.latentspark.common.model;

import org.nd4j.linalg.api.buffer.DataType;
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
    private final int units;
    private final int steps;
    /** States [T+1, n, u] (the initial one first), gates [T, n, 2u] (update then reset, after the sigmoid),
     *  candidates [T, n, u] and reset-gated states r ⊙ h [T, n, u]. */
    private final INDArray states;
    private final INDArray gates;
    private final INDArray candidates;
    private final INDArray resetStates;
    /** After {@link #backward}: gradients with respect to the pre-activations, [T, n, 2u] and [T, n, u]. */
    private INDArray gateGradients;
    private INDArray candidateGradients;

    GruRecurrence(DataType type, int steps, long n, int units) {
        this.units = units;
        this.steps = steps;
        states = Nd4j.create(type, steps + 1, n, units);
        gates = Nd4j.create(type, steps, n, 2L * units);
        candidates = Nd4j.create(type, steps, n, units);
        resetStates = Nd4j.create(type, steps, n, units);
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
            INDArray h = states.slice(t);
            INDArray x = inputs == null ? null : inputs.slice(t);
            INDArray g = gates.slice(t).assign(h.mmul(gateWeights));
            if (x != null) {
                g.addi(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * units)));
            }
            if (gateBias != null) {
                g.addiRowVector(gateBias);
            }
            Transforms.sigmoid(g, false);
            INDArray rh = resetStates.slice(t).assign(reset(g)).muli(h);
            INDArray c = candidates.slice(t).assign(rh.mmul(candidateWeights));
            if (x != null) {
                c.addi(x.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * units, 3 * units)));
            }
            if (candidateBias != null) {
                c.addiRowVector(candidateBias);
            }
            Transforms.tanh(c, false);
            states.slice(t + 1).assign(h).subi(c).muli(update(g)).addi(c);
        }
    }

    /**
     * Backpropagation through time.
     *
     * @param perStep gradient of the loss with respect to each step's output state, [T, n, u], or null
     * @param last    gradient with respect to the last state, [n, u], or null
     * @return the gradient with respect to the initial state, [n, u]
     */
    INDArray backward(INDArray perStep, INDArray last, INDArray gateWeights, INDArray candidateWeights) {
        long n = states.size(1);
        DataType type = states.dataType();
        gateGradients = Nd4j.create(type, steps, n, 2L * units);
        candidateGradients = Nd4j.create(type, steps, n, units);
        INDArray dh = last == null ? Nd4j.zeros(type, n, units) : last.dup();
        INDArray gateWeightsT = gateWeights.transpose();
        INDArray candidateWeightsT = candidateWeights.transpose();
        for (int t = steps - 1; t >= 0; t--) {
            if (perStep != null) {
                dh.addi(perStep.slice(t));
            }
            INDArray h = states.slice(t);
            INDArray c = candidates.slice(t);
            INDArray g = gates.slice(t);
            INDArray update = update(g);
            INDArray reset = reset(g);
            // Through c = tanh(·): dL/dc = dh ⊙ (1 − u), times 1 − c².
            INDArray dzc = candidateGradients.slice(t).assign(c).muli(c).rsubi(1).muli(update.rsub(1)).muli(dh);
            INDArray drh = dzc.mmul(candidateWeightsT);
            INDArray dzg = gateGradients.slice(t);
            // Through u = σ(·): dL/du = dh ⊙ (h − c), times u(1 − u);
            // through r = σ(·): dL/dr = drh ⊙ h, times r(1 − r).
            update(dzg).assign(update.rsub(1).muli(update).muli(h.sub(c)).muli(dh));
            reset(dzg).assign(reset.rsub(1).muli(reset).muli(drh).muli(h));
            INDArray previous = dzg.mmul(gateWeightsT);
            previous.addi(dh.muli(update)).addi(drh.muli(reset));
            dh = previous;
        }
        return dh;
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
