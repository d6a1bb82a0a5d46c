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
        return readInto(matrix, new double[(int) matrix.size(0)][(int) matrix.size(1)]);
    }

    /** The rows of a FLOAT or DOUBLE matrix read into {@code rows}, which must have its shape; returns them. */
    static double[][] readInto(INDArray matrix, double[][] rows) {
        INDArray c = rowsInPlace(matrix) ? matrix : matrix.dup('c');
        int cols = (int) c.size(1);
        int stride = (int) c.stride(0);
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = c.data().asNioDouble();
            int base = buffer.position();
            for (int i = 0; i < rows.length; i++) {
                buffer.get(base + i * stride, rows[i]);
            }
        } else if (c.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = c.data().asNioFloat();
            int base = buffer.position();
            float[] row = new float[cols];
            for (int i = 0; i < rows.length; i++) {
                buffer.get(base + i * stride, row);
                double[] out = rows[i];
                for (int j = 0; j < cols; j++) {
                    out[j] = row[j];
                }
            }
        } else {
            return readInto(matrix.castTo(DataType.DOUBLE), rows);
        }
        return rows;
    }

    /**
     * Writes rows into {@code target}, a FLOAT or DOUBLE matrix of their shape whose rows are contiguous (a whole
     * c-order matrix, or a view of one such as a layer's parameter), and returns it.
     */
    static INDArray write(double[][] rows, INDArray target) {
        if (!rowsInPlace(target) || target.size(0) != rows.length) {
            throw new IllegalArgumentException("rows go into a matrix of " + rows.length + " contiguous rows, got "
                    + target.shapeInfoToString());
        }
        int cols = (int) target.size(1);
        int stride = (int) target.stride(0);
        if (target.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = target.data().asNioDouble();
            int base = buffer.position();
            for (int i = 0; i < rows.length; i++) {
                buffer.put(base + i * stride, rows[i]);
            }
        } else if (target.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = target.data().asNioFloat();
            int base = buffer.position();
            float[] row = new float[cols];
            for (int i = 0; i < rows.length; i++) {
                double[] values = rows[i];
                for (int j = 0; j < cols; j++) {
                    row[j] = (float) values[j];
                }
                buffer.put(base + i * stride, row);
            }
        } else {
            throw new IllegalArgumentException("rows go into FLOAT or DOUBLE arrays, got " + target.dataType());
        }
        return target;
    }

    /** Whether a matrix's rows can be read and written where they are: each contiguous, one stride apart. */
    private static boolean rowsInPlace(INDArray matrix) {
        return matrix.rank() == 2 && (matrix.size(1) == 1 || matrix.stride(1) == 1)
                && (matrix.size(0) == 1 || matrix.stride(0) >= matrix.size(1)) && matrix.length() <= Integer.MAX_VALUE
                && (matrix.dataType() == DataType.FLOAT || matrix.dataType() == DataType.DOUBLE);
    }
}
