package org.latentspark.common.model.likelihood;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The rows of a FLOAT or DOUBLE matrix, views included, read and written in bulk in the array's own memory: row i
 * starts at the array's offset plus i times its row stride, and its columns are contiguous.
 */
final class RowMemory {
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final int base;
    private final int rowStride;
    private final float[] row;

    RowMemory(INDArray matrix) {
        this.rowStride = (int) matrix.stride(0);
        if (matrix.dataType() == DataType.FLOAT) {
            floats = matrix.data().asNioFloat();
            doubles = null;
            base = floats.position();
            row = new float[(int) matrix.size(1)];
        } else {
            doubles = matrix.data().asNioDouble();
            floats = null;
            base = doubles.position();
            row = null;
        }
    }

    /** Whether every array is a FLOAT or DOUBLE matrix of one type whose rows are contiguous. */
    static boolean readable(INDArray... arrays) {
        DataType type = arrays[0].dataType();
        for (INDArray a : arrays) {
            if (a.rank() != 2 || a.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)
                    || (a.size(1) > 1 && a.stride(1) != 1) || a.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    void read(int i, double[] into) {
        if (floats != null) {
            floats.get(base + i * rowStride, row);
            for (int j = 0; j < row.length; j++) {
                into[j] = row[j];
            }
        } else {
            doubles.get(base + i * rowStride, into);
        }
    }

    void write(int i, double[] values) {
        if (floats != null) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) values[j];
            }
            floats.put(base + i * rowStride, row);
        } else {
            doubles.put(base + i * rowStride, values);
        }
    }
}
