package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.latentspark.common.model.arrays.ArrayMemory;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link EncoderGruLayer}'s computation. Each direction's input terms for all steps are one matrix product,
 * [T·n, features]·W_x; the recurrence ({@link GruRecurrence}) then runs over them, and backward, the input weights'
 * gradient and the error passed below are again one product each.
 */
final class EncoderGru extends GruRuntime<EncoderGruLayer> {
    /** Per direction, from the last forward pass: the input, time-major [T, n, features], and the recurrence. */
    private final INDArray[] inputs = new INDArray[2];
    private final GruRecurrence[] recurrences = new GruRecurrence[2];

    EncoderGru(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    INDArray forward(INDArray x) {
        int units = layerConf().getUnits();
        long n = x.size(0);
        int steps = (int) x.size(2);
        INDArray out = temporary(Nd4j.create(x.dataType(), n, 2L * units));
        INDArray timeMajor = x.permute(2, 0, 1);
        for (int d = 0; d < 2; d++) {
            String p = EncoderGruLayer.DIRECTIONS[d];
            release(inputs[d]);
            inputs[d] = d == 0 ? timeMajor.dup('c') : reversedInTime(inputs[0]);
            INDArray terms = temporary(GruRecurrence.rows(inputs[d]).mmul(getParam(p + EncoderGruLayer.INPUT_WEIGHTS)))
                    .addiRowVector(getParam(p + EncoderGruLayer.BIAS))
                    .reshape('c', new long[] {steps, n, 3L * units});
            recurrences[d] = GruRecurrence.reuse(recurrences[d], x.dataType(), steps, n, units);
            recurrences[d].forward(temporary(Nd4j.zeros(x.dataType(), n, units)), terms,
                    getParam(p + EncoderGruLayer.GATE_WEIGHTS), null,
                    getParam(p + EncoderGruLayer.CANDIDATE_WEIGHTS), null);
            direction(out, d, units).assign(recurrences[d].last());
        }
        return out;
    }

    @Override
    INDArray backward(INDArray epsilon) {
        int units = layerConf().getUnits();
        long n = inputs[0].size(1);
        int steps = (int) inputs[0].size(0);
        INDArray timeMajorBelow = temporary(Nd4j.create(epsilon.dataType(), steps, n, inputs[0].size(2)));
        for (int d = 0; d < 2; d++) {
            String p = EncoderGruLayer.DIRECTIONS[d];
            GruRecurrence recurrence = recurrences[d];
            temporary(recurrence.backward(null, direction(epsilon, d, units),
                    getParam(p + EncoderGruLayer.GATE_WEIGHTS), getParam(p + EncoderGruLayer.CANDIDATE_WEIGHTS)));
            recurrence.gateWeightGradient(gradientViews.get(p + EncoderGruLayer.GATE_WEIGHTS));
            recurrence.candidateWeightGradient(gradientViews.get(p + EncoderGruLayer.CANDIDATE_WEIGHTS));
            // The input terms' gradients, [T·n, 3u]: the gates' then the candidate's, as W_x's columns are.
            INDArray terms = temporary(Nd4j.concat(1, GruRecurrence.rows(recurrence.gateGradients()),
                    GruRecurrence.rows(recurrence.candidateGradients())));
            DirectGemm.gemm(GruRecurrence.rows(inputs[d]), terms, gradientViews.get(p + EncoderGruLayer.INPUT_WEIGHTS),
                    true, false, 1.0, 0.0);
            gradientViews.get(p + EncoderGruLayer.BIAS).assign(temporary(terms.sum(true, 0)));
            INDArray rowsBelow = temporary(Nd4j.create(terms.dataType(), (long) steps * n, inputs[d].size(2)));
            INDArray below = DirectGemm.gemm(terms, getParam(p + EncoderGruLayer.INPUT_WEIGHTS), rowsBelow, false, true,
                    1.0, 0.0).reshape('c', new long[] {steps, n, inputs[d].size(2)});
            timeMajorBelow.addi(d == 0 ? below : temporary(reversedInTime(below)));
        }
        return timeMajorBelow.permute(1, 2, 0);
    }

    /** Direction {@code d}'s columns of an [n, 2u] array: the forward direction's first. */
    private static INDArray direction(INDArray bothDirections, int d, int units) {
        return bothDirections.get(NDArrayIndex.all(), NDArrayIndex.interval((long) d * units, (long) (d + 1) * units));
    }

    /**
     * [T, n, k] with its steps in reverse order, a new array: a block copy per step. ND4J's Reverse op took 13% of
     * an LFADS minibatch's time at n = 128 (about 5 ms for [40, 128, 30]).
     */
    static INDArray reversedInTime(INDArray timeMajor) {
        INDArray source = ArrayMemory.contiguousOrCopy(timeMajor);
        INDArray reversed = Nd4j.createUninitialized(source.dataType(), source.shape());
        int steps = (int) source.size(0);
        int block = Math.toIntExact(source.length() / Math.max(1, steps));
        ArrayMemory from = ArrayMemory.of(source);
        ArrayMemory to = ArrayMemory.of(reversed);
        double[] step = new double[block];
        for (int t = 0; t < steps; t++) {
            from.read((steps - 1 - t) * block, step, 0, block);
            to.write(t * block, step, 0, block);
        }
        if (source != timeMajor && source.closeable()) {
            source.close();
        }
        return reversed;
    }

    @Override
    public void clear() {
        super.clear();
        // DL4J clears a network's layers after each minibatch; the recurrence stays for the next one (see
        // GruRecurrence.reuse), what else the passes kept is freed now rather than by the garbage collector.
        for (int d = 0; d < 2; d++) {
            release(inputs[d]);
            inputs[d] = null;
        }
    }
}
