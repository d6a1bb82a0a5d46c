package org.latentspark.jobs.training;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.latentspark.common.config.TrainSettings;

/**
 * Gradient sharing over one run's epochs: DL4J's shared trainer and its Aeron mesh, kept from epoch to epoch while
 * the executors stay the same and formed anew when they change, each epoch started from the driver's parameters on
 * every executor. {@link #close} releases the driver's endpoint, which DL4J never releases.
 */
final class SharingMesh implements AutoCloseable {
    private final JavaSparkContext sc;
    private final TrainSettings train;
    private final long seed;
    private final Consumer<String> log;
    private SharedTrainingMaster master;
    private SparkComputationGraph net;
    private Set<String> executors = Set.of();

    SharingMesh(JavaSparkContext sc, TrainSettings train, long seed, Consumer<String> log) {
        this.sc = sc;
        this.train = train;
        this.seed = seed;
        this.log = log;
        SharingPreflight.checkDriver(train.sharingPort(), TrainingMasters.executors(sc), log);
    }

    /**
     * One epoch over the exported minibatch files: one partition per executor JVM, since DL4J's shared trainer takes
     * one feeding task per JVM; {@code tasks} adds what every training task does first.
     */
    ComputationGraph fit(ComputationGraph network, List<String> paths, Set<String> executorsNow,
                         CountingMinibatchLoader loader, UnaryOperator<JavaRDD<String>> tasks) {
        if (!executorsNow.equals(executors)) {
            // A new mesh whenever executors come or go: DL4J's keeps a lost executor as a node, and a replacement
            // JVM waited forever to be introduced to the mesh through it.
            if (master != null) {
                log.accept("executors changed to " + executorsNow + ": a new gradient-sharing mesh");
                // Closed here rather than by DL4J, whose shutdown leaves the endpoint's threads running.
                SharedModelSync.releaseDriverMesh();
            }
            master = TrainingMasters.sharing(train, seed, sc);
            net = new SparkComputationGraph(sc, network, master);
            executors = executorsNow;
        }
        SharedModelSync.rebroadcast(master);
        Broadcast<SharedModelSync.DriverState> params = sc.broadcast(SharedModelSync.driverState(network));
        int jvms = executorsNow.size();
        JavaRDD<String> partitions = sc.parallelize(paths, Math.max(1, jvms))
                .mapPartitions(SharedModelSync.resync(master, params))
                .mapPartitions(new SharingPreflight(new ExecutorPortSupplier(train.sharingPort()), jvms));
        try {
            return net.fitPaths(tasks.apply(partitions), loader);
        } finally {
            params.unpersist(false);
        }
    }

    @Override
    public void close() {
        SharedModelSync.releaseDriverMesh();
    }
}
