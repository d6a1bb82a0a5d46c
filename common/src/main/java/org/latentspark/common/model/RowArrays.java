package org.latentspark.common.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between a matrix INDArray and Java rows ({@code double[rows][cols]}), for layers that compute in plain
 * loops. Rows, not one flat array: HotSpot (JDK 17) vectorizes {@code y[j] += a * x[j]} over two rows, but not the
 * same loop over two offsets into flat arrays (0.46 against 4.1 ms for a [200, 20] · [20, 2,000] product here).
 * The copies go through the arrays' own memory, in bulk, whatever workspace holds them.
 */
final class RowArrays {
    private RowArrays() {
    }

    /** The rows of a FLOAT or DOUBLE matrix; a vector is one row. */
    static double[][] read(INDArray matrix) {
        if (matrix.rank() == 1) {
            return read(matrix.reshape(1, matrix.length()));
        }
        INDArray c = matrix.isView() || matrix.ordering() != 'c' ? matrix.dup('c') : matrix;
        int rows = (int) c.size(0);
        int cols = (int) c.size(1);
        double[][] out = new double[rows][cols];
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = c.data().asNioDouble();
            int base = buffer.position();
            for (int i = 0; i < rows; i++) {
                buffer.get(base + i * cols, out[i]);
            }
        } else if (c.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = c.data().asNioFloat();
            int base = buffer.position();
            float[] row = new float[cols];
            for (int i = 0; i < rows; i++) {
                buffer.get(base + i * cols, row);
                for (int j = 0; j < cols; j++) {
                    out[i][j] = row[j];
                }
            }
        } else {
            return read(matrix.castTo(DataType.DOUBLE));
        }
        return out;
    }

    /** Writes rows into {@code target}, a FLOAT or DOUBLE c-order matrix that is not a view, and returns it. */
    static INDArray write(double[][] rows, INDArray target) {
        if (target.isView() || target.ordering() != 'c' || target.size(0) != rows.length) {
            throw new IllegalArgumentException("rows go into a whole c-order matrix of " + rows.length + " rows, got "
                    + target.shapeInfoToString());
        }
        int cols = (int) target.size(1);
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = target.data().asNioDouble();
            int base = buffer.position();
            for (int i = 0; i < rows.length; i++) {
                buffer.put(base + i * cols, rows[i]);
            }
        } else if (target.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = target.data().asNioFloat();
            int base = buffer.position();
            float[] row = new float[cols];
            for (double[] values : rows) {
                for (int j = 0; j < cols; j++) {
                    row[j] = (float) values[j];
                }
                buffer.put(base, row);
                base += cols;
            }
        } else {
            throw new IllegalArgumentException("rows go into FLOAT or DOUBLE arrays, got " + target.dataType());
        }
        return target;
    }
}
