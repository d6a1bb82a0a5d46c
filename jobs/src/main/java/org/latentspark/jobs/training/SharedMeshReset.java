package org.latentspark.jobs.training;

import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;

/**
 * Closes, in an executor JVM, the gradient-sharing mesh endpoint that an earlier epoch's training master left
 * there, before DL4J's shared trainer starts for the next epoch. Each epoch gets a fresh master (so every executor
 * starts from the driver's parameters), and DL4J re-joins a JVM to the new master's mesh only when its endpoint is
 * down. Without the fresh start, a worker that finished its share first stopped taking the others' last updates
 * (DL4J puts it in bypass mode), the executors' models drifted apart, and the driver's sum of their updates got
 * worse epoch by epoch on two executor JVMs (sprites validation neg_elbo 316, 422, 718; one JVM: 103, 84, 71).
 * Runs as the partition function in front of DL4J's, once per executor and epoch; not on the driver, whose
 * endpoint DL4J itself replaces.
 */
final class SharedMeshReset implements FlatMapFunction<Iterator<String>, String> {
    private static long currentMaster = Long.MIN_VALUE;
    private final long master;

    /** @param master an id of the epoch's training master, different for every master of the application */
    SharedMeshReset(long master) {
        this.master = master;
    }

    @Override
    public Iterator<String> call(Iterator<String> paths) {
        reset(SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId(), master);
        return paths;
    }

    private static synchronized void reset(String executor, long master) {
        if ("driver".equals(executor) || master == currentMaster) {
            return;
        }
        ModelParameterServer mesh = ModelParameterServer.getInstance();
        if (mesh.isInitialized()) {
            mesh.shutdown();
        }
        currentMaster = master;
    }
}
