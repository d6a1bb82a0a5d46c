package org.latentspark.common.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * INDArrays from Java arrays in one bulk copy. ND4J's Nd4j.create(float[], shape, order) fills its buffer element by
 * element, which was a visible share of building ProdLDA's minibatches (V + 1 floats a document).
 */
public final class FlatArrays {
    private FlatArrays() {
    }

    /** A FLOAT array of the given shape holding {@code values} in C order. */
    public static INDArray of(float[] values, long... shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (out.length() != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + java.util.Arrays.toString(shape));
        }
        FloatBuffer buffer = out.data().asNioFloat();
        buffer.put(buffer.position(), values);
        return out;
    }
}
