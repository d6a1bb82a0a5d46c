package org.latentspark.common.model.arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ArrayMemoryTest {
    /** [3, 4, 5] holding 0, 1, 2, ... in c order. */
    private static INDArray counting(DataType type) {
        return Nd4j.arange(60).castTo(type).reshape('c', 3, 4, 5);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void readsASliceFromItsOffset(DataType type) {
        INDArray slice = counting(type).slice(1);
        double[] into = new double[7];
        ArrayMemory.of(slice).read(3, into, 2, 5);
        // The slice starts at element 20 of the whole; positions 3..7 of it are 23..27.
        assertArrayEquals(new double[] {0, 0, 23, 24, 25, 26, 27}, into);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void writesIntoASliceAndNowhereElse(DataType type) {
        INDArray whole = counting(type);
        ArrayMemory.of(whole.slice(2)).write(18, new double[] {-1, -2, -3}, 1, 2);
        INDArray expected = counting(type);
        expected.putScalar(58, -2);
        expected.putScalar(59, -3);
        assertEquals(expected, whole);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void readsAndWritesFloatsAtTheSliceOffset(DataType type) {
        INDArray whole = counting(type);
        float[] into = new float[4];
        ArrayMemory slice = ArrayMemory.of(whole.slice(1));
        slice.read(18, into, 1, 3);
        assertArrayEquals(new float[] {0, 38, 39, 40}, into);
        slice.write(0, new float[] {-1, -2, -3}, 1, 2);
        INDArray expected = counting(type);
        expected.putScalar(20, -2);
        expected.putScalar(21, -3);
        assertEquals(expected, whole);
    }

    @Test
    void readsAndWritesRowsOfAColumnRange() {
        INDArray whole = Nd4j.arange(20).castTo(DataType.FLOAT).reshape('c', 4, 5);
        INDArray columns = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
        assertTrue(ArrayMemory.rowsInPlace(columns));
        ArrayMemory memory = ArrayMemory.of(columns);
        double[] row = new double[2];
        memory.readRow(2, row);
        assertArrayEquals(new double[] {11, 12}, row);
        memory.writeRow(3, new double[] {-16, -17});
        assertEquals(-16, whole.getDouble(3, 1));
        assertEquals(-17, whole.getDouble(3, 2));
        assertEquals(18, whole.getDouble(3, 3));
    }

    @Test
    void knowsWhichLayoutsItCanUseInPlace() {
        INDArray whole = counting(DataType.FLOAT);
        assertTrue(ArrayMemory.contiguous(whole.slice(1)));
        assertFalse(ArrayMemory.contiguous(whole.permute(2, 0, 1)));
        assertSame(whole, ArrayMemory.contiguousOrCopy(whole));
        INDArray copy = ArrayMemory.contiguousOrCopy(whole.permute(2, 0, 1));
        assertTrue(ArrayMemory.contiguous(copy));
        assertEquals(whole.permute(2, 0, 1), copy);
        INDArray matrix = whole.slice(0);
        assertFalse(ArrayMemory.rowsInPlace(matrix.transpose()));
        assertFalse(ArrayMemory.rowsInPlace(matrix, matrix.castTo(DataType.DOUBLE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "HALF"})
    void refusesOtherTypesByName(String type) {
        INDArray ints = Nd4j.zeros(DataType.valueOf(type), 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrayMemory.of(ints));
        assertTrue(e.getMessage().contains(type), e.getMessage());
    }
}
