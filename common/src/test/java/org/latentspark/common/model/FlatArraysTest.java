package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FlatArraysTest {
    @Test
    void valuesLandInCOrder() {
        INDArray a = FlatArrays.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(DataType.FLOAT, a.dataType());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(6f, a.getFloat(1, 2));
        assertEquals(2f, a.getFloat(0, 1));
        assertArrayEquals(new float[] {4, 5, 6}, a.getRow(1).toFloatVector());
    }

    @Test
    void aShapeThatDoesNotFitTheValuesIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> FlatArrays.of(new float[5], 2, 3));
        assertEquals("5 values for shape [2, 3]", e.getMessage());
    }
}
