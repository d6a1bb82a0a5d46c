package org.latentspark.jobs.training;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads ND4J computes one task's ops on: its own op threads and its BLAS library's, two settings. In ND4J
 * 1.0.0-M2.1 {@code Environment.setMaxThreads} does nothing (libnd4j's setter is commented out); the op threads are
 * {@code setMaxMasterThreads}. With neither set, two tasks of "one thread" each ran four threads on two cores, and
 * oversubscribed OpenMP threads wait on each other through whole scheduler slices: OpenBLAS's [128, 64]·[64, 128]
 * took 1.1 ms a call beside another busy process, 41 µs with its threads limited (a probe on a 2-core machine).
 */
public final class OpThreads {
    private OpThreads() {
    }

    /** Limits ND4J's op threads and its BLAS's threads in this JVM to {@code threads}. */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("op threads must be at least 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
