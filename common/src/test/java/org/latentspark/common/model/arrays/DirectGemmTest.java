package org.latentspark.common.model.arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DirectGemmTest {
    enum Type { FLOAT, DOUBLE }

    /** A [rows, cols] view into a larger array: an offset, and rows further apart than their width. */
    private static INDArray view(DataType type, long rows, long cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray big = Nd4j.rand(type, 3 + rows, cols + 5);
        return big.get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.interval(1, 1 + cols));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void matchesNd4jsGemmOnViewsForEveryTransposeAndBeta(Type t) {
        assertTrue(DirectGemm.direct(), "on the CPU backend the products go to OpenBLAS directly");
        DataType type = DataType.valueOf(t.name());
        double eps = type == DataType.FLOAT ? 1e-4 : 1e-12;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = ta ? view(type, 7, 5, 1) : view(type, 5, 7, 1);
                INDArray b = tb ? view(type, 4, 7, 2) : view(type, 7, 4, 2);
                INDArray c = view(type, 5, 4, 3);
                INDArray expected = c.dup();
                Nd4j.gemm(a.dup(), b.dup(), expected, ta, tb, 0.5, 2.0);
                INDArray around = c.dup();
                INDArray parent = Nd4j.rand(type, 9, 3 + 5, 4 + 5);
                INDArray inParent = parent.get(NDArrayIndex.point(4), NDArrayIndex.interval(2, 7),
                        NDArrayIndex.interval(3, 7)).assign(around);
                INDArray before = parent.dup();
                assertTrue(inParent == DirectGemm.gemm(a, b, inParent, ta, tb, 0.5, 2.0));
                assertTrue(expected.equalsWithEps(inParent, eps), ta + " " + tb + ": " + inParent + " vs " + expected);
                // Only the view's own elements change.
                parent.get(NDArrayIndex.point(4), NDArrayIndex.interval(2, 7), NDArrayIndex.interval(3, 7))
                        .assign(before.get(NDArrayIndex.point(4), NDArrayIndex.interval(2, 7),
                                NDArrayIndex.interval(3, 7)));
                assertEquals(before, parent);
            }
        }
    }

    /** {@link #view}'s elements in a column-order parent: columns contiguous, further apart than their height. */
    private static INDArray columnOrderView(DataType type, long rows, long cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray big = Nd4j.rand(type, 3 + rows, cols + 5).dup('f');
        return big.get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.interval(1, 1 + cols));
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void takesMatricesInColumnOrderInPlace(Type t) {
        DataType type = DataType.valueOf(t.name());
        double eps = type == DataType.FLOAT ? 1e-4 : 1e-12;
        // Each of A, B and C in row or column order, with every transpose.
        for (int layouts = 0; layouts < 8; layouts++) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = matrix(type, (layouts & 1) != 0, ta ? 7 : 5, ta ? 5 : 7, 1);
                    INDArray b = matrix(type, (layouts & 2) != 0, tb ? 4 : 7, tb ? 7 : 4, 2);
                    INDArray c = matrix(type, (layouts & 4) != 0, 5, 4, 3);
                    assertTrue((layouts & 4) == 0 || c.stride(0) == 1, "C in column order");
                    assertTrue(DirectGemm.inPlace(a, b, c), "layouts " + layouts + " go to BLAS in place");
                    INDArray expected = c.dup();
                    Nd4j.gemm(a.dup(), b.dup(), expected, ta, tb, 0.5, 2.0);
                    DirectGemm.gemm(a, b, c, ta, tb, 0.5, 2.0);
                    assertTrue(expected.equalsWithEps(c, eps), "layouts " + layouts + ", " + ta + " " + tb + ": "
                            + c + " vs " + expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void elementsApartInBothDirectionsGoToNd4j(Type t) {
        DataType type = DataType.valueOf(t.name());
        INDArray everyOther = Nd4j.rand(type, 10, 8).get(NDArrayIndex.interval(0, 2, 10), NDArrayIndex.interval(0, 2, 8));
        INDArray b = Nd4j.rand(type, 4, 3);
        INDArray c = Nd4j.create(type, 5, 3);
        assertTrue(!DirectGemm.inPlace(everyOther, b, c) && DirectGemm.inPlace(everyOther.dup(), b, c));
        INDArray expected = Nd4j.gemm(everyOther.dup(), b, Nd4j.create(type, 5, 3), false, false, 1.0, 0.0);
        assertTrue(expected.equalsWithEps(DirectGemm.gemm(everyOther, b, c, false, false, 1.0, 0.0), 1e-5));
    }

    private static INDArray matrix(DataType type, boolean columnOrder, long rows, long cols, long seed) {
        return columnOrder ? columnOrderView(type, rows, cols, seed) : view(type, rows, cols, seed);
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void aContiguousProductIsTheHandComputedOne(Type t) {
        DataType type = DataType.valueOf(t.name());
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}}).castTo(type);
        INDArray b = Nd4j.create(new double[][] {{5, 6}, {7, 8}}).castTo(type);
        INDArray c = Nd4j.create(type, 2, 2);
        DirectGemm.gemm(a, b, c, false, true, 1.0, 0.0);
        assertEquals(Nd4j.create(new double[][] {{17, 23}, {39, 53}}).castTo(type), c);
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void mismatchedShapesAreRefused(Type t) {
        DataType type = DataType.valueOf(t.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectGemm.gemm(
                Nd4j.create(type, 2, 3), Nd4j.create(type, 2, 4), Nd4j.create(type, 2, 4), false, false, 1, 0));
        assertTrue(e.getMessage().contains("[2, 3] · [2, 4] into [2, 4]"), e.getMessage());
    }
}
