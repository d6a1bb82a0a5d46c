package org.latentspark.common.model.likelihood;

import org.latentspark.common.model.arrays.ArrayMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A likelihood's score and gradient in one read of each row of the decoder output and the data and one write of the
 * gradient's, in the arrays' own memory ({@link ArrayMemory}): ND4J's element-wise ops on the loss's strided views,
 * with their temporaries, cost several passes an element.
 */
final class RowPass {
    /** One row: fills {@code gradient} from the row's parameters and data, and returns its negative log-likelihood. */
    interface Row {
        double apply(double[] params, double[] data, double[] gradient);
    }

    private RowPass() {
    }

    /** Whether the arrays suit {@link #run}: rows contiguous in memory, one FLOAT or DOUBLE type. */
    static boolean applies(INDArray params, INDArray x, INDArray out) {
        return ArrayMemory.rowsInPlace(params, x, out);
    }

    /** Writes each row's gradient into {@code out} and returns the summed negative log-likelihood. */
    static double run(INDArray params, INDArray x, INDArray out, Row row) {
        int n = (int) params.size(0);
        int d = (int) params.size(1);
        ArrayMemory p = ArrayMemory.of(params);
        ArrayMemory c = ArrayMemory.of(x);
        ArrayMemory g = ArrayMemory.of(out);
        double[] param = new double[d];
        double[] data = new double[d];
        double[] gradient = new double[d];
        double total = 0;
        for (int i = 0; i < n; i++) {
            p.readRow(i, param);
            c.readRow(i, data);
            total += row.apply(param, data, gradient);
            g.writeRow(i, gradient);
        }
        return total;
    }
}
