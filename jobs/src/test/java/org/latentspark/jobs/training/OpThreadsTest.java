package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OpThreadsTest {
    @Test
    void limitsTheBlasThreadsAsWellAsNd4jsOwn() {
        int ops = Nd4j.getEnvironment().maxMasterThreads();
        int blas = Nd4j.factory().blas().getMaxThreads();
        try {
            OpThreads.limit(1);
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads(), "libnd4j's op threads");
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "OpenBLAS's sgemm threads");
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(ops);
            Nd4j.factory().blas().setMaxThreads(blas);
        }
    }

    @Test
    void noThreadsIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> OpThreads.limit(0));
        assertEquals("op threads must be at least 1, got 0", e.getMessage());
    }
}
