package org.latentspark.common.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Central finite differences of a graph's score against its backpropagated gradient, in double precision. DL4J's
 * score is the mean loss over the minibatch and its gradients are those of the summed loss, so a correct gradient
 * is minibatch × the numeric derivative of the score.
 */
final class FiniteDifferences {
    /** Differences this small are the numeric derivative's own rounding error. */
    private static final double ABSOLUTE_NOISE = 1e-6;

    private FiniteDifferences() {
    }

    /** One parameter element whose analytic gradient is not minibatch × its numeric one. */
    record Mismatch(String param, long index, double analytic, double numeric) {
        double ratio() {
            return analytic / numeric;
        }
    }

    /**
     * Compares up to {@code perParam} elements of every parameter of {@code graph} (converted to double) on
     * {@code data}, and returns those off by more than the relative tolerance.
     */
    static List<Mismatch> check(ComputationGraph graph, MultiDataSet data, int perParam, double tolerance) {
        ComputationGraph g = graph.convertDataType(DataType.DOUBLE);
        INDArray[] inputs = cast(data.getFeatures());
        INDArray[] labels = cast(data.getLabels());
        g.setInputs(inputs);
        g.setLabels(labels);
        g.computeGradientAndScore();
        Map<String, INDArray> gradients = g.gradient().gradientForVariable();
        Map<String, INDArray> params = g.paramTable();
        Map<String, INDArray> analytic = new java.util.HashMap<>();
        // In the parameter's own element order: DL4J keeps weights in Fortran order.
        gradients.forEach((k, v) -> analytic.put(k, params.containsKey(k) ? v.dup(params.get(k).ordering()) : v.dup()));
        long n = inputs[0].size(0);
        // Large enough that the score's rounding (LFADS's is about 10^3) over 2h stays below the tolerance; at 1e-6
        // it made a 2e-4 relative difference on a small gradient of LFADS's encoder.
        double h = 1e-5;
        List<Mismatch> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> entry : params.entrySet()) {
            INDArray p = entry.getValue();
            INDArray grad = analytic.get(entry.getKey());
            if (grad == null || isBatchNormStatistic(entry.getKey())) {
                continue;
            }
            long step = Math.max(1, p.length() / perParam);
            for (long i = 0; i < p.length(); i += step) {
                double original = p.getDouble(i);
                p.putScalar(i, original + h);
                double plus = score(g, inputs, labels);
                p.putScalar(i, original - h);
                double minus = score(g, inputs, labels);
                p.putScalar(i, original);
                double numeric = n * (plus - minus) / (2 * h);
                double a = grad.getDouble(i);
                double error = Math.abs(a - numeric);
                if (error > ABSOLUTE_NOISE && error > tolerance * (Math.abs(a) + Math.abs(numeric))) {
                    out.add(new Mismatch(entry.getKey(), i, a, numeric));
                }
            }
        }
        return out;
    }

    /**
     * Batch norm's running mean and deviation: DL4J stores their updates where gradients go; no loss has them. And
     * an annealed batch norm's weight, which training sets, not learns.
     */
    private static boolean isBatchNormStatistic(String key) {
        return key.endsWith("_mean") || key.endsWith("_var") || key.endsWith("_log10stdev")
                || key.endsWith("_bnweight");
    }

    private static double score(ComputationGraph g, INDArray[] inputs, INDArray[] labels) {
        g.setInputs(inputs);
        g.setLabels(labels);
        g.computeGradientAndScore();
        return g.score();
    }

    private static INDArray[] cast(INDArray[] arrays) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].castTo(DataType.DOUBLE);
        }
        return out;
    }
}
