package org.latentspark.common.model;

import java.util.Arrays;
import org.latentspark.common.model.arrays.ArrayMemory;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One run of a GRU (Cho et al. 2014) over T steps for n sequences, forward and back through time. Per step, from
 * state h and the step's input terms x_u, x_r, x_c (zero where the GRU has no input):
 * <pre>
 *   u = σ(h·W_u + b_u + x_u),  r = σ(h·W_r + b_r + x_r),  c = tanh((r ⊙ h)·W_c + b_c + x_c),  h ← c + u ⊙ (h − c)
 * </pre>
 * The forward pass keeps every state, gate and candidate; the backward pass leaves the gradients with respect to
 * the gates' and candidates' pre-activations of every step, from which each weight's gradient, summed over steps,
 * is one matrix product. Callers run it outside DL4J's workspaces, since its arrays live from forward to backward.
 *
 * <p>A step is two matrix products (ND4J's gemm, into arrays made once) and the element-wise rest in plain loops
 * over each step's rows, copied in and out of the arrays' memory in bulk ({@link ArrayMemory}). The element-wise
 * rest as ND4J ops was about 12 ops a step forward and 20 back, each tens of microseconds of call overhead on these
 * small arrays: 1.2 ms a step at n = 32, u = 64, most of an LFADS minibatch. A float recurrence's sigmoids and
 * tanh are {@link FloatActivations}' (Math.exp's were then most of the step); a double one's go through Math.exp.
 */
final class GruRecurrence {
    private final int units;
    private final int steps;
    private final int n;
    /** Math.exp for a double recurrence; float-precision activations without exp for a float one. */
    private final boolean precise;
    /** States [T+1, n, u] (the initial one first), gates [T, n, 2u] (update then reset, after the sigmoid),
     *  candidates [T, n, u] and reset-gated states r ⊙ h [T, n, u]. */
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
    /** One step's rows, in plain arrays: h and dL/dh [n·u], gates [n·2u], candidates [n·u], input terms [n·3u]. */
    private double[] h;
    private final double[] dh;
    private final double[] g;
    private final double[] c;
    private final double[] x;
    private double[] work;
    private final double[] work2;

    GruRecurrence(DataType type, int steps, long n, int units) {
        this.units = units;
        this.steps = steps;
        this.n = Math.toIntExact(n);
        this.precise = type == DataType.DOUBLE;
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
        int cells = this.n * units;
        h = new double[cells];
        dh = new double[cells];
        g = new double[2 * cells];
        c = new double[cells];
        x = new double[3 * cells];
        work = new double[cells];
        work2 = new double[cells];
    }

    /**
     * A recurrence of these dimensions: {@code previous} when it has them (every pass overwrites its arrays), else a
     * new one, {@code previous} closed.
     */
    static GruRecurrence reuse(GruRecurrence previous, DataType type, int steps, long n, int units) {
        if (previous != null) {
            if (previous.steps == steps && previous.units == units && previous.n == n
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
                candidateGradients, resetStateProduct, stateProduct}) {
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
        stateAt[0].assign(initial);
        ArrayMemory inputMemory = inputs == null ? null : ArrayMemory.of(ArrayMemory.contiguousOrCopy(inputs));
        double[] gateShift = bias(gateBias, 2 * units);
        double[] candidateShift = bias(candidateBias, units);
        int cells = n * units;
        if (inputMemory == null) {
            Arrays.fill(x, 0);
        }
        stateMemory.read(0, h, 0, cells);
        for (int t = 0; t < steps; t++) {
            if (inputMemory != null) {
                inputMemory.read(3 * t * cells, x, 0, 3 * cells);
            }
            DirectGemm.gemm(stateAt[t], gateWeights, gatesAt[t], false, false, 1.0, 0.0);
            gateMemory.read(2 * t * cells, g, 0, 2 * cells);
            gatesAndResetState(gateShift);
            gateMemory.write(2 * t * cells, g, 0, 2 * cells);
            resetStateMemory.write(t * cells, work, 0, cells);
            DirectGemm.gemm(resetStateAt[t], candidateWeights, candidateAt[t], false, false, 1.0, 0.0);
            candidateMemory.read(t * cells, c, 0, cells);
            candidateAndState(candidateShift);
            candidateMemory.write(t * cells, c, 0, cells);
            stateMemory.write((t + 1) * cells, work, 0, cells);
            // The next state is in work: it becomes the next step's h without a read back from memory.
            double[] next = work;
            work = h;
            h = next;
        }
    }

    /** g ← σ(g + x_u,r + b_u,r), and work ← r ⊙ h. */
    private void gatesAndResetState(double[] shift) {
        int width = 2 * units;
        for (int i = 0; i < n; i++) {
            int row = i * width;
            int inputRow = 3 * i * units;
            for (int j = 0; j < width; j++) {
                g[row + j] += shift[j] + x[inputRow + j];
            }
        }
        sigmoidInPlace(g, n * width);
        for (int i = 0; i < n; i++) {
            int row = i * width;
            int state = i * units;
            for (int j = 0; j < units; j++) {
                work[state + j] = g[row + units + j] * h[state + j];
            }
        }
    }

    /** c ← tanh(c + x_c + b_c), and work ← c + u ⊙ (h − c), the next state. */
    private void candidateAndState(double[] shift) {
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int inputRow = 3 * i * units + 2 * units;
            for (int j = 0; j < units; j++) {
                c[state + j] += shift[j] + x[inputRow + j];
            }
        }
        tanhInPlace(c, n * units);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int gateRow = 2 * i * units;
            for (int j = 0; j < units; j++) {
                double cj = c[state + j];
                work[state + j] = cj + g[gateRow + j] * (h[state + j] - cj);
            }
        }
    }

    /*
     * The activations run in place over a step's whole block, apart from the additions before them: HotSpot
     * vectorizes a loop whose arrays share one index, and not one that reads another array at another offset (the
     * two might overlap). Row by row, with the additions in the same loop, the gates took 5.9 ns an element; so,
     * 1.8 (a probe of [128, 96] gates).
     */
    private void sigmoidInPlace(double[] a, int length) {
        if (precise) {
            for (int k = 0; k < length; k++) {
                a[k] = 1 / (1 + Math.exp(-a[k]));
            }
        } else {
            for (int k = 0; k < length; k++) {
                a[k] = FloatActivations.sigmoid(a[k]);
            }
        }
    }

    private void tanhInPlace(double[] a, int length) {
        if (precise) {
            for (int k = 0; k < length; k++) {
                a[k] = tanh(a[k]);
            }
        } else {
            for (int k = 0; k < length; k++) {
                a[k] = FloatActivations.tanh(a[k]);
            }
        }
    }

    /**
     * Backpropagation through time.
     *
     * @param perStep gradient of the loss with respect to each step's output state, [T, n, u], or null
     * @param last    gradient with respect to the last state, [n, u], or null
     * @return the gradient with respect to the initial state, [n, u], a new array
     */
    INDArray backward(INDArray perStep, INDArray last, INDArray gateWeights, INDArray candidateWeights) {
        int cells = n * units;
        Arrays.fill(dh, 0);
        if (last != null) {
            ArrayMemory.of(ArrayMemory.contiguousOrCopy(last)).read(0, dh, 0, cells);
        }
        ArrayMemory perStepMemory = perStep == null ? null : ArrayMemory.of(ArrayMemory.contiguousOrCopy(perStep));
        for (int t = steps - 1; t >= 0; t--) {
            if (perStepMemory != null) {
                perStepMemory.read(t * cells, work, 0, cells);
                for (int k = 0; k < cells; k++) {
                    dh[k] += work[k];
                }
            }
            stateMemory.read(t * cells, h, 0, cells);
            gateMemory.read(2 * t * cells, g, 0, 2 * cells);
            candidateMemory.read(t * cells, c, 0, cells);
            // Through c = tanh(·): dL/dc = dh ⊙ (1 − u), times 1 − c².
            for (int i = 0; i < n; i++) {
                int state = i * units;
                int gateRow = 2 * i * units;
                for (int j = 0; j < units; j++) {
                    double cj = c[state + j];
                    work[state + j] = dh[state + j] * (1 - g[gateRow + j]) * (1 - cj * cj);
                }
            }
            candidateGradientMemory.write(t * cells, work, 0, cells);
            DirectGemm.gemm(candidateGradientAt[t], candidateWeights, resetStateProduct, false, true, 1.0, 0.0);
            resetStateProductMemory.read(0, work2, 0, cells);
            stepGateGradients();
            gateGradientMemory.write(2 * t * cells, x, 0, 2 * cells);
            DirectGemm.gemm(gateGradientAt[t], gateWeights, stateProduct, false, true, 1.0, 0.0);
            stateProductMemory.read(0, work, 0, cells);
            // dL/dh before the step: through the gates' and the candidate's products, and h's own paths.
            for (int i = 0; i < n; i++) {
                int state = i * units;
                int gateRow = 2 * i * units;
                for (int j = 0; j < units; j++) {
                    dh[state + j] = work[state + j] + dh[state + j] * g[gateRow + j]
                            + work2[state + j] * g[gateRow + units + j];
                }
            }
        }
        INDArray initialGradient = Nd4j.create(states.dataType(), n, units);
        ArrayMemory.of(initialGradient).write(0, dh, 0, cells);
        return initialGradient;
    }

    /**
     * Into x's first n·2u places: through u = σ(·), dL/du = dh ⊙ (h − c), times u(1 − u); through r = σ(·),
     * dL/dr = dL/d(r ⊙ h) ⊙ h, times r(1 − r). work2 holds dL/d(r ⊙ h).
     */
    private void stepGateGradients() {
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int gateRow = 2 * i * units;
            for (int j = 0; j < units; j++) {
                double u = g[gateRow + j];
                double r = g[gateRow + units + j];
                x[gateRow + j] = dh[state + j] * (h[state + j] - c[state + j]) * u * (1 - u);
                x[gateRow + units + j] = work2[state + j] * h[state + j] * r * (1 - r);
            }
        }
    }

    /** tanh through one exp: Math.tanh took 33 ns here, five times Math.exp. */
    private static double tanh(double z) {
        double e = Math.exp(-2 * Math.abs(z));
        return Math.copySign((1 - e) / (1 + e), z);
    }

    private static double[] bias(INDArray bias, int width) {
        double[] values = new double[width];
        if (bias != null) {
            ArrayMemory.of(ArrayMemory.contiguousOrCopy(bias)).read(0, values, 0, width);
        }
        return values;
    }

    /** The states after each step, [T, n, u]. */
    INDArray outputs() {
        return states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** The state after the last step, [n, u]. */
    INDArray last() {
        return states.slice(steps);
    }

    /**
     * After {@link #backward}: the gradient of [W_u, W_r], summed over steps, written into {@code into} ([u, 2u],
     * no gaps, such as a layer's gradient view). Nd4j.gemm with its transpose flag: a transposed view's mmul ran
     * 13 times as slow (1.4 ms against 0.11 for [1,280, 64]ᵀ·[1,280, 64]).
     */
    void gateWeightGradient(INDArray into) {
        INDArray before = states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all());
        DirectGemm.gemm(rows(before), rows(gateGradients), into, true, false, 1.0, 0.0);
    }

    /** After {@link #backward}: the gradient of W_c, summed over steps, written into {@code into} ([u, u]). */
    void candidateWeightGradient(INDArray into) {
        DirectGemm.gemm(rows(resetStates), rows(candidateGradients), into, true, false, 1.0, 0.0);
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
}
