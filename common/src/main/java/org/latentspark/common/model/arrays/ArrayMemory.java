package org.latentspark.common.model.arrays;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The memory of a FLOAT or DOUBLE INDArray, views included, read and written in bulk as doubles or floats: position k
 * is the array's offset plus k elements. For layers that compute in plain loops: one bulk copy in and out in place of
 * ND4J's per-op overhead (tens of microseconds an op on small arrays here) or per-element calls. Not thread-safe:
 * FLOAT arrays pass through a scratch array of the instance.
 */
public final class ArrayMemory {
    /**
     * Held so that the array, and so its memory, lives as long as this does: the NIO buffers below point into that
     * memory without keeping it, and ND4J frees it once the array is collected (a copy made for reading, say).
     */
    private final INDArray array;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final int base;
    /** A matrix's distance between rows, in elements (0 for other ranks). */
    private final int rowStride;
    private float[] scratch = new float[0];

    private ArrayMemory(INDArray array) {
        this.array = array;
        rowStride = array.rank() == 2 ? (int) array.stride(0) : 0;
        if (array.dataType() == DataType.FLOAT) {
            floats = array.data().asNioFloat();
            doubles = null;
            base = floats.position();
        } else if (array.dataType() == DataType.DOUBLE) {
            doubles = array.data().asNioDouble();
            floats = null;
            base = doubles.position();
        } else {
            throw new IllegalArgumentException("plain-loop layers compute on FLOAT or DOUBLE arrays, got "
                    + array.dataType());
        }
    }

    /** The memory of {@code array}, a FLOAT or DOUBLE array of at most 2^31 − 1 elements. */
    public static ArrayMemory of(INDArray array) {
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of " + array.length()
                    + " elements is too long to copy in bulk");
        }
        return new ArrayMemory(array);
    }

    /** Whether every array is a FLOAT or DOUBLE matrix of one type, each row contiguous and apart from the next. */
    public static boolean rowsInPlace(INDArray... arrays) {
        DataType type = arrays[0].dataType();
        for (INDArray a : arrays) {
            if (a.rank() != 2 || a.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)
                    || (a.size(1) > 1 && a.stride(1) != 1) || (a.size(0) > 1 && a.stride(0) < a.size(1))
                    || a.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code array} is laid out in c order from its offset with no gaps, so that position k is element k. */
    public static boolean contiguous(INDArray array) {
        long expected = 1;
        for (int d = array.rank() - 1; d >= 0; d--) {
            if (array.size(d) > 1 && array.stride(d) != expected) {
                return false;
            }
            expected *= array.size(d);
        }
        return true;
    }

    /** {@code array}, or a c-order copy of it where {@link #contiguous} does not hold. */
    public static INDArray contiguousOrCopy(INDArray array) {
        return contiguous(array) ? array : array.dup('c');
    }

    /** Reads positions [at, at + length) into {@code into[from ..]}. */
    public void read(int at, double[] into, int from, int length) {
        if (floats != null) {
            float[] f = scratch(length);
            floats.get(base + at, f, 0, length);
            for (int j = 0; j < length; j++) {
                into[from + j] = f[j];
            }
        } else {
            doubles.get(base + at, into, from, length);
        }
        Reference.reachabilityFence(array);
    }

    /** Writes {@code values[from ..]} to positions [at, at + length). */
    public void write(int at, double[] values, int from, int length) {
        if (floats != null) {
            float[] f = scratch(length);
            for (int j = 0; j < length; j++) {
                f[j] = (float) values[from + j];
            }
            floats.put(base + at, f, 0, length);
        } else {
            doubles.put(base + at, values, from, length);
        }
        Reference.reachabilityFence(array);
    }

    /** Reads positions [at, at + length) into {@code into[from ..]}: a block copy from a FLOAT array's memory. */
    public void read(int at, float[] into, int from, int length) {
        if (floats != null) {
            floats.get(base + at, into, from, length);
        } else {
            for (int j = 0; j < length; j++) {
                into[from + j] = (float) doubles.get(base + at + j);
            }
        }
        Reference.reachabilityFence(array);
    }

    /** Writes {@code values[from ..]} to positions [at, at + length): a block copy into a FLOAT array's memory. */
    public void write(int at, float[] values, int from, int length) {
        if (floats != null) {
            floats.put(base + at, values, from, length);
        } else {
            for (int j = 0; j < length; j++) {
                doubles.put(base + at + j, values[from + j]);
            }
        }
        Reference.reachabilityFence(array);
    }

    /** Reads row i of a matrix whose rows are contiguous ({@link #rowsInPlace}) into {@code into}. */
    public void readRow(int i, double[] into) {
        read(i * rowStride, into, 0, into.length);
    }

    /** Writes {@code values} to row i of a matrix whose rows are contiguous. */
    public void writeRow(int i, double[] values) {
        write(i * rowStride, values, 0, values.length);
    }

    private float[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new float[length];
        }
        return scratch;
    }
}
