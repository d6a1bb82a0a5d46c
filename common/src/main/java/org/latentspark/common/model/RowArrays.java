package org.latentspark.common.model;

import org.latentspark.common.model.arrays.ArrayMemory;
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
        if (matrix.dataType() != DataType.FLOAT && matrix.dataType() != DataType.DOUBLE) {
            return readInto(matrix.castTo(DataType.DOUBLE), rows);
        }
        ArrayMemory memory = ArrayMemory.of(ArrayMemory.rowsInPlace(matrix) ? matrix : matrix.dup('c'));
        for (int i = 0; i < rows.length; i++) {
            memory.readRow(i, rows[i]);
        }
        return rows;
    }

    /**
     * Writes rows into {@code target}, a FLOAT or DOUBLE matrix of their shape whose rows are contiguous (a whole
     * c-order matrix, or a view of one such as a layer's parameter), and returns it.
     */
    static INDArray write(double[][] rows, INDArray target) {
        if (!ArrayMemory.rowsInPlace(target) || target.size(0) != rows.length) {
            throw new IllegalArgumentException("rows go into a FLOAT or DOUBLE matrix of " + rows.length
                    + " contiguous rows, got " + target.dataType() + " " + target.shapeInfoToString());
        }
        ArrayMemory memory = ArrayMemory.of(target);
        for (int i = 0; i < rows.length; i++) {
            memory.writeRow(i, rows[i]);
        }
        return target;
    }
}
