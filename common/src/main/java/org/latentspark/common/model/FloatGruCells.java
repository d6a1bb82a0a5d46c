package org.latentspark.common.model;

import java.util.Arrays;
import org.latentspark.common.model.arrays.ArrayMemory;

/**
 * {@link GruCells} in float, for float models: a float array's memory is block-copied in and out without conversion,
 * and HotSpot's vectors hold eight floats. The gates' σ and the candidate's tanh are {@link FloatActivations}'. Each
 * loop reads its arrays at one index, or row by row, so that HotSpot vectorizes it. {@link DoubleGruCells} has the
 * same loops in double.
 */
final class FloatGruCells extends GruCells {
    /** One step's rows: h, dL/dh, the next state or other scratch [n·u]; gates and their gradients [n·2u]. */
    private float[] h;
    private float[] work;
    private final float[] dh;
    private final float[] g;
    private final float[] c;
    private final float[] gateGradient;
    private final float[] resetStateGradient;
    /** The biases repeated for each of the n rows, [n·2u] and [n·u], and going back the sums of their gradients. */
    private final float[] gateBias;
    private final float[] candidateBias;
    private final float[] gateBiasSums;
    private final float[] candidateBiasSums;

    FloatGruCells(int n, int units) {
        super(n, units);
        h = new float[cells];
        work = new float[cells];
        dh = new float[cells];
        g = new float[2 * cells];
        c = new float[cells];
        gateGradient = new float[2 * cells];
        resetStateGradient = new float[cells];
        gateBias = new float[2 * cells];
        candidateBias = new float[cells];
        gateBiasSums = new float[2 * cells];
        candidateBiasSums = new float[cells];
    }

    @Override
    void startForward(ArrayMemory states, int at, ArrayMemory gateBias, ArrayMemory candidateBias) {
        states.read(at, h, 0, cells);
        repeatRows(gateBias, this.gateBias, 2 * units);
        repeatRows(candidateBias, this.candidateBias, units);
    }

    private void repeatRows(ArrayMemory bias, float[] into, int width) {
        if (bias == null) {
            Arrays.fill(into, 0);
            return;
        }
        bias.read(0, into, 0, width);
        for (int i = 1; i < n; i++) {
            System.arraycopy(into, 0, into, i * width, width);
        }
    }

    @Override
    void gates(ArrayMemory gates, int gatesAt, ArrayMemory resetStates, int resetStatesAt) {
        gates.read(gatesAt, g, 0, 2 * cells);
        for (int k = 0; k < 2 * cells; k++) {
            g[k] = FloatActivations.sigmoid(g[k] + gateBias[k]);
        }
        gates.write(gatesAt, g, 0, 2 * cells);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int reset = 2 * i * units + units;
            for (int j = 0; j < units; j++) {
                work[state + j] = g[reset + j] * h[state + j];
            }
        }
        resetStates.write(resetStatesAt, work, 0, cells);
    }

    @Override
    void candidate(ArrayMemory candidates, int candidatesAt, ArrayMemory states, int statesAt) {
        candidates.read(candidatesAt, c, 0, cells);
        for (int k = 0; k < cells; k++) {
            c[k] = FloatActivations.tanh(c[k] + candidateBias[k]);
        }
        candidates.write(candidatesAt, c, 0, cells);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int update = 2 * i * units;
            for (int j = 0; j < units; j++) {
                float cj = c[state + j];
                work[state + j] = cj + g[update + j] * (h[state + j] - cj);
            }
        }
        states.write(statesAt, work, 0, cells);
        float[] next = work;
        work = h;
        h = next;
    }

    @Override
    void startBackward(ArrayMemory last) {
        if (last == null) {
            Arrays.fill(dh, 0);
        } else {
            last.read(0, dh, 0, cells);
        }
        Arrays.fill(gateBiasSums, 0);
        Arrays.fill(candidateBiasSums, 0);
    }

    @Override
    void candidateGradient(ArrayMemory perStep, int perStepAt, ArrayMemory states, int statesAt,
                           ArrayMemory gates, int gatesAt, ArrayMemory candidates, int candidatesAt,
                           ArrayMemory candidateGradients, int candidateGradientsAt) {
        if (perStep != null) {
            perStep.read(perStepAt, work, 0, cells);
            for (int k = 0; k < cells; k++) {
                dh[k] += work[k];
            }
        }
        states.read(statesAt, h, 0, cells);
        gates.read(gatesAt, g, 0, 2 * cells);
        candidates.read(candidatesAt, c, 0, cells);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int update = 2 * i * units;
            for (int j = 0; j < units; j++) {
                float cj = c[state + j];
                work[state + j] = dh[state + j] * (1 - g[update + j]) * (1 - cj * cj);
            }
        }
        candidateGradients.write(candidateGradientsAt, work, 0, cells);
        for (int k = 0; k < cells; k++) {
            candidateBiasSums[k] += work[k];
        }
    }

    @Override
    void gateGradients(ArrayMemory resetStateProduct, ArrayMemory gateGradients, int gateGradientsAt) {
        resetStateProduct.read(0, resetStateGradient, 0, cells);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int update = 2 * i * units;
            int reset = update + units;
            for (int j = 0; j < units; j++) {
                float u = g[update + j];
                float r = g[reset + j];
                float hj = h[state + j];
                gateGradient[update + j] = dh[state + j] * (hj - c[state + j]) * u * (1 - u);
                gateGradient[reset + j] = resetStateGradient[state + j] * hj * r * (1 - r);
            }
        }
        gateGradients.write(gateGradientsAt, gateGradient, 0, 2 * cells);
        for (int k = 0; k < 2 * cells; k++) {
            gateBiasSums[k] += gateGradient[k];
        }
    }

    @Override
    void previousStateGradient(ArrayMemory stateProduct) {
        stateProduct.read(0, work, 0, cells);
        for (int i = 0; i < n; i++) {
            int state = i * units;
            int update = 2 * i * units;
            int reset = update + units;
            for (int j = 0; j < units; j++) {
                dh[state + j] = work[state + j] + dh[state + j] * g[update + j]
                        + resetStateGradient[state + j] * g[reset + j];
            }
        }
    }

    @Override
    void finishBackward(ArrayMemory into) {
        into.write(0, dh, 0, cells);
    }

    @Override
    void biasGradients(ArrayMemory gateInto, ArrayMemory candidateInto) {
        gateInto.write(0, sumRows(gateBiasSums, 2 * units), 0, 2 * units);
        candidateInto.write(0, sumRows(candidateBiasSums, units), 0, units);
    }

    private float[] sumRows(float[] rows, int width) {
        float[] sum = new float[width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                sum[j] += rows[i * width + j];
            }
        }
        return sum;
    }
}
