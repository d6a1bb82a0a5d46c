package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link EncoderGruLayer}'s computation. Each direction's input terms for all steps are two matrix products,
 * [T·n, features]·W_x's gate and candidate columns, written straight into its recurrence's input rows
 * ({@link GruRecurrence}), which then runs over them, the second direction backwards in time. Both directions read
 * the one time-major copy of the input, so backward's input weight gradients and the error passed below are again a
 * product each, with no reversed copies.
 */
final class EncoderGru extends GruRuntime<EncoderGruLayer> {
    /** From the last forward pass: the input, time-major [T, n, features], its rows [T·n, features] (a view of it),
     *  and each direction's recurrence. */
    private INDArray input;
    private INDArray inputRows;
    private final GruRecurrence[] recurrences = new GruRecurrence[2];
    private final GruRecurrences[] kept = {new GruRecurrences(false), new GruRecurrences(true)};

    EncoderGru(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    INDArray forward(INDArray x) {
        int units = layerConf().getUnits();
        long n = x.size(0);
        int steps = (int) x.size(2);
        INDArray out = temporary(Nd4j.create(x.dataType(), n, 2L * units));
        release(input);
        input = x.permute(2, 0, 1).dup('c');
        inputRows = GruRecurrence.rows(input);
        for (int d = 0; d < 2; d++) {
            String p = EncoderGruLayer.DIRECTIONS[d];
            GruRecurrence recurrence = kept[d].of(x.dataType(), steps, n, units);
            recurrences[d] = recurrence;
            INDArray weights = getParam(p + EncoderGruLayer.INPUT_WEIGHTS);
            INDArray bias = getParam(p + EncoderGruLayer.BIAS);
            DirectGemm.gemm(inputRows, gateColumns(weights, units), recurrence.gateInputs(), false, false, 1.0, 0.0);
            DirectGemm.gemm(inputRows, candidateColumns(weights, units), recurrence.candidateInputs(), false, false,
                    1.0, 0.0);
            recurrence.forward(temporary(Nd4j.zeros(x.dataType(), n, units)), true,
                    getParam(p + EncoderGruLayer.GATE_WEIGHTS), gateColumns(bias, units),
                    getParam(p + EncoderGruLayer.CANDIDATE_WEIGHTS), candidateColumns(bias, units));
            direction(out, d, units).assign(recurrence.last());
        }
        return out;
    }

    @Override
    INDArray backward(INDArray epsilon) {
        int units = layerConf().getUnits();
        long n = epsilon.size(0);
        long rows = inputRows.size(0);
        long features = inputRows.size(1);
        boolean below = layerConf().isInputGradient();
        INDArray rowsBelow = below ? temporary(Nd4j.create(epsilon.dataType(), rows, features)) : null;
        for (int d = 0; d < 2; d++) {
            String p = EncoderGruLayer.DIRECTIONS[d];
            GruRecurrence recurrence = recurrences[d];
            INDArray weights = getParam(p + EncoderGruLayer.INPUT_WEIGHTS);
            temporary(recurrence.backward(null, direction(epsilon, d, units),
                    getParam(p + EncoderGruLayer.GATE_WEIGHTS), getParam(p + EncoderGruLayer.CANDIDATE_WEIGHTS)));
            recurrence.gateWeightGradient(gradientViews.get(p + EncoderGruLayer.GATE_WEIGHTS));
            recurrence.candidateWeightGradient(gradientViews.get(p + EncoderGruLayer.CANDIDATE_WEIGHTS));
            // The input terms' gradients are the gates' then the candidate's, as W_x's and b's columns are.
            INDArray weightGradient = gradientViews.get(p + EncoderGruLayer.INPUT_WEIGHTS);
            INDArray biasGradient = gradientViews.get(p + EncoderGruLayer.BIAS);
            INDArray[] termGradients = {recurrence.gateGradients(), recurrence.candidateGradients()};
            INDArray[] weightColumns = {gateColumns(weights, units), candidateColumns(weights, units)};
            INDArray[] weightGradientColumns = {gateColumns(weightGradient, units),
                    candidateColumns(weightGradient, units)};
            recurrence.biasGradients(gateColumns(biasGradient, units), candidateColumns(biasGradient, units));
            for (int part = 0; part < 2; part++) {
                DirectGemm.gemm(inputRows, termGradients[part], weightGradientColumns[part], true, false, 1.0, 0.0);
                if (below) {
                    double accumulate = d == 0 && part == 0 ? 0.0 : 1.0;
                    DirectGemm.gemm(termGradients[part], weightColumns[part], rowsBelow, false, true, 1.0, accumulate);
                }
            }
        }
        return below ? rowsBelow.reshape('c', new long[] {rows / n, n, features}).permute(1, 2, 0) : null;
    }

    /** Direction {@code d}'s columns of an [n, 2u] array: the forward direction's first. */
    private static INDArray direction(INDArray bothDirections, int d, int units) {
        return columns(bothDirections, (long) d * units, (long) (d + 1) * units);
    }

    /** The update and reset gates' columns of a [k, 3u] weight or bias. */
    private static INDArray gateColumns(INDArray matrix, int units) {
        return columns(matrix, 0, 2L * units);
    }

    /** The candidate's columns of a [k, 3u] weight or bias. */
    private static INDArray candidateColumns(INDArray matrix, int units) {
        return columns(matrix, 2L * units, 3L * units);
    }

    private static INDArray columns(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    @Override
    public void clear() {
        super.clear();
        // DL4J clears a network's layers after each minibatch; the recurrences stay for the next one (see
        // GruRecurrences), what else the passes kept is freed now rather than by the garbage collector.
        release(input);
        input = null;
        inputRows = null;
    }
}
