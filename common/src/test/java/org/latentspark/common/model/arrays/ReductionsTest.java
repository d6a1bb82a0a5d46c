package org.latentspark.common.model.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReductionsTest {
    /** Every length up to two blocks of four and a tail, so that the tail loop and the partial sums both count. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 11})
    void sumAndDotOfTheFirstLengthElements(int length) {
        double[] a = new double[12];
        double[] b = new double[12];
        double sum = 0;
        double dot = 0;
        for (int j = 0; j < a.length; j++) {
            a[j] = j + 1;
            b[j] = j % 2 == 0 ? 2 : -1;
            if (j < length) {
                sum += a[j];
                dot += a[j] * b[j];
            }
        }
        assertEquals(length * (length + 1) / 2.0, Reductions.sum(a, length), 0.0);
        assertEquals(sum, Reductions.sum(a, length), 0.0);
        assertEquals(dot, Reductions.dot(a, b, length), 0.0);
    }
}
