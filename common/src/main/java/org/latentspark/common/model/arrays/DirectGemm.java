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
 * several such products per time step. Other backends (CUDA), and arrays whose rows are not contiguous, go to
 * {@code Nd4j.gemm}.
 */
public final class DirectGemm {
    private static final boolean AVAILABLE = available();

    private DirectGemm() {
    }

    /** What {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)} does; returns c. */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
                                double alpha, double beta) {
        if (!AVAILABLE || !ArrayMemory.rowsInPlace(a, b, c)) {
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
        int ta = transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        if (c.dataType() == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k,
                    (float) alpha, new FloatPointer(a.data().addressPointer()), leading(a),
                    new FloatPointer(b.data().addressPointer()), leading(b), (float) beta,
                    new FloatPointer(c.data().addressPointer()), leading(c));
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, alpha,
                    new DoublePointer(a.data().addressPointer()), leading(a),
                    new DoublePointer(b.data().addressPointer()), leading(b), beta,
                    new DoublePointer(c.data().addressPointer()), leading(c));
        }
        // addressPointer() is at the array's offset (a Pointer made from asNioFloat() is not). The pointers do not
        // hold the arrays, whose memory ND4J frees once they are collected.
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
        return c;
    }

    /** Whether products go to OpenBLAS directly (ND4J's CPU backend), not through {@code Nd4j.gemm}. */
    static boolean direct() {
        return AVAILABLE;
    }

    /** The distance between a row-major matrix's rows, at least its width as BLAS requires of one row. */
    private static int leading(INDArray matrix) {
        return (int) Math.max(matrix.size(1), matrix.size(0) > 1 ? matrix.stride(0) : 1);
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
