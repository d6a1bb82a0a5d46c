package org.latentspark.jobs.training;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * Gradient sharing's UDP ports, one per JVM: the driver (the mesh's root) listens on the base port, executor i on
 * base + 1 + (i mod {@value #SPAN}). Several executor JVMs on one host (local-cluster, or a YARN node running two
 * executors) otherwise all bind DL4J's one static port, and every JVM after the first trains nothing.
 * DL4J asks the supplier in each JVM, after the configuration has travelled there.
 */
public final class ExecutorPortSupplier implements PortSupplier {
    /** Executor ports in use lie in [base + 1, base + SPAN]. */
    public static final int SPAN = 1000;
    private int basePort;

    /** For DL4J's JSON form of the configuration. */
    ExecutorPortSupplier() {
    }

    public ExecutorPortSupplier(int basePort) {
        if (basePort < 1 || basePort + SPAN > 65535) {
            throw new IllegalArgumentException("base port " + basePort + " leaves no room for " + SPAN
                    + " executor ports below 65536");
        }
        this.basePort = basePort;
    }

    @Override
    public int getPort() {
        return portOf(SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId());
    }

    int portOf(String executorId) {
        if ("driver".equals(executorId)) {
            return basePort;
        }
        long index;
        try {
            index = Long.parseLong(executorId);
        } catch (NumberFormatException e) {
            index = executorId.hashCode();
        }
        return basePort + 1 + (int) Math.floorMod(index, (long) SPAN);
    }
}
