package org.latentspark.common.model.arrays;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = α·op(A)·op(B) + β·C through OpenBLAS's cblas_?gemm on the arrays' own memory, where ND4J's CPU backend runs
 * its products: the same library, the same op threads ({@code Nd4j.factory().blas().setMaxThreads}), without the
 * ten microseconds that {@code Nd4j.gemm} spends in Java and JNI around each call (a [2, 2] product took 10.7 µs
 * through it, 0.07 µs direct; [128, 32]·[32, 64], a GRU step's, 18.6 against 9.9 µs). A recurrent model makes
 * several such products per time step. Matrices may lie in row or column order (DL4J keeps a dense layer's W in
 * column order), with gaps between their rows or columns. Other backends (CUDA), and other layouts, go to
 * {@code Nd4j.gemm}.
 */
public final class DirectGemm {
    private static final boolean AVAILABLE = available();

    private DirectGemm() {
    }

    /** What {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)} does; returns c. */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        Stored sa = Stored.of(a, c);
        Stored sb = Stored.of(b, c);
        Stored sc = Stored.of(c, c);
        if (!AVAILABLE || sa == null || sb == null || sc == null) {
            return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        long m = c.size(0);
        long n = c.size(1);
        long k = transposeA ? a.size(0) : a.size(1);
        if ((transposeA ? a.size(1) : a.size(0)) != m || (transposeB ? b.size(0) : b.size(1)) != n
                || (transposeB ? b.size(1) : b.size(0)) != k) {
            throw new IllegalArgumentException("gemm of shapes " + shape(a, transposeA) + " · " + shape(b, transposeB)
                    + " into " + shape(c, false));
        }
        if (sc.columns) {
            // C in column order is Cᵀ in row order: Cᵀ = op(B)ᵀ·op(A)ᵀ.
            rowMajor(sb, !transposeB, sa, !transposeA, sc, n, m, k, alpha, beta);
        } else {
            rowMajor(sa, transposeA, sb, transposeB, sc, m, n, k, alpha, beta);
        }
        // addressPointer() is at the array's offset (a Pointer made from asNioFloat() is not). The pointers do not
        // hold the arrays, whose memory ND4J frees once they are collected.
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
        return c;
    }

    /** C = α·op(A)·op(B) + β·C on row-major storage; a matrix stored in column order is its transpose in row order. */
    private static void rowMajor(Stored a, boolean transposeA, Stored b, boolean transposeB, Stored c, long m, long n,
                                 long k, double alpha, double beta) {
        int ta = transposeA != a.columns ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB != b.columns ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.matrix.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k,
                    (float) alpha, new FloatPointer(a.matrix.data().addressPointer()), a.leading,
                    new FloatPointer(b.matrix.data().addressPointer()), b.leading, (float) beta,
                    new FloatPointer(c.matrix.data().addressPointer()), c.leading);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, alpha,
                    new DoublePointer(a.matrix.data().addressPointer()), a.leading,
                    new DoublePointer(b.matrix.data().addressPointer()), b.leading, beta,
                    new DoublePointer(c.matrix.data().addressPointer()), c.leading);
        }
    }

    /**
     * How a matrix lies in memory for BLAS: its rows contiguous (row order) or its columns (column order, as DL4J
     * keeps a dense layer's W), and the distance between them, at least their length as BLAS requires.
     */
    private record Stored(INDArray matrix, boolean columns, int leading) {
        /** Null where BLAS cannot take {@code matrix} in place: not a FLOAT or DOUBLE matrix of c's type, or gaps. */
        static Stored of(INDArray matrix, INDArray c) {
            DataType type = c.dataType();
            if (matrix.rank() != 2 || matrix.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)
                    || matrix.length() > Integer.MAX_VALUE) {
                return null;
            }
            long rows = matrix.size(0);
            long cols = matrix.size(1);
            if ((cols <= 1 || matrix.stride(1) == 1) && (rows <= 1 || matrix.stride(0) >= cols)) {
                return new Stored(matrix, false, (int) Math.max(cols, rows > 1 ? matrix.stride(0) : 1));
            }
            if ((rows <= 1 || matrix.stride(0) == 1) && (cols <= 1 || matrix.stride(1) >= rows)) {
                return new Stored(matrix, true, (int) Math.max(rows, cols > 1 ? matrix.stride(1) : 1));
            }
            return null;
        }
    }

    /** Whether BLAS takes these matrices where they lie (with c's type), so that a product of them goes direct. */
    static boolean inPlace(INDArray a, INDArray b, INDArray c) {
        return Stored.of(a, c) != null && Stored.of(b, c) != null && Stored.of(c, c) != null;
    }

    /** Whether products go to OpenBLAS directly (ND4J's CPU backend), not through {@code Nd4j.gemm}. */
    static boolean direct() {
        return AVAILABLE;
    }

    private static String shape(INDArray matrix, boolean transposed) {
        return transposed ? "[" + matrix.size(0) + ", " + matrix.size(1) + "]ᵀ"
                : "[" + matrix.size(0) + ", " + matrix.size(1) + "]";
    }

    /** ND4J's CPU backend, with OpenBLAS loadable: elsewhere (CUDA) the arrays' memory is not the host's. */
    private static boolean available() {
        try {
            if (!Nd4j.getBackend().getClass().getName().contains(".cpu.")) {
                return false;
            }
            openblas_nolapack.blas_get_num_threads();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }
}
