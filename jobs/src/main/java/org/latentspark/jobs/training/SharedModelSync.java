package org.latentspark.jobs.training;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.parameterserver.pw.SharedTrainingWrapper;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;

/**
 * Starts every executor's gradient-sharing epoch from the driver's parameters. DL4J 1.0.0-M2's shared trainer keeps
 * each executor's model from fit to fit, broadcasts the driver's parameters only once per master, and puts a worker
 * that has finished its share of a fit in bypass mode, so it misses the others' last updates. On two executor JVMs
 * the executors' models drifted apart and the driver's sum of their updates got worse epoch by epoch (sprites
 * validation neg_elbo 316, 422, 718, where one JVM gave 103, 84, 71). DL4J offers no call for this, so two of its
 * fields are read or set here, by name, in this one class: the master's broadcast model (so that an executor that
 * joins later, say after another was lost, starts from the current parameters) and each executor's training model
 * and updater state.
 * A fresh master per epoch would do the same through DL4J's own code, but re-forms the Aeron mesh every epoch
 * (its driver sleeps 3 s, each executor restarts Aeron and handshakes): twice the epoch time on the tests' models.
 */
final class SharedModelSync {
    private SharedModelSync() {
    }

    /** Driver side, before each fit: the next fit broadcasts the network's current parameters and updater state. */
    static void rebroadcast(SharedTrainingMaster master) {
        try {
            Field broadcast = SharedTrainingMaster.class.getDeclaredField("broadcastModel");
            broadcast.setAccessible(true);
            Object previous = broadcast.get(master);
            if (previous instanceof Broadcast<?> b) {
                b.unpersist(false);
            }
            broadcast.set(master, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's SharedTrainingMaster no longer has the field broadcastModel; "
                    + "this class is written for dl4j-spark-parameterserver 1.0.0-M2", e);
        }
    }

    /**
     * Executor side: the partition function in front of DL4J's that sets the executor's model to the driver's
     * parameters, updater state (the workers' average, which DL4J gives the driver after each fit) and learning
     * rate (train.plateau lowers it on the driver; DL4J's worker trains the model it keeps, with its own rate).
     */
    static FlatMapFunction<Iterator<String>, String> resync(SharedTrainingMaster master,
                                                            Broadcast<DriverState> driverState) {
        int instance = instanceId(master);
        return paths -> {
            leaveStaleMesh(instance);
            // DL4J's own first step in the task: a wrapper left by another master (an earlier mesh, or an earlier
            // application in this JVM on local Spark) is reset, so its model, perhaps another network's, is never
            // touched.
            SharedTrainingWrapper.getInstance(instance);
            Model model = executorModel();
            DriverState state = driverState.value();
            if (model instanceof ComputationGraph graph && graph.params().length() == state.params().length()) {
                graph.params().assign(state.params());
                INDArray updater = graph.getUpdater().getStateViewArray();
                if (updater != null && state.updater() != null) {
                    updater.assign(state.updater());
                }
                if (!Double.isNaN(state.learningRate()) && learningRate(graph) != state.learningRate()) {
                    graph.setLearningRate(state.learningRate());
                }
            }
            return paths;
        };
    }

    /**
     * What every executor's model starts an epoch from.
     *
     * @param updater null for a network without updater state
     */
    record DriverState(INDArray params, INDArray updater, double learningRate) implements Serializable {
    }

    /** The driver's parameters, updater state and learning rate, copied, for {@link #resync}. */
    static DriverState driverState(ComputationGraph network) {
        INDArray updater = network.getUpdater().getStateViewArray();
        return new DriverState(network.params().dup(), updater == null ? null : updater.dup(),
                learningRate(network));
    }

    /** The learning rate of the network's first layer with parameters (train.learning-rate sets them all alike). */
    static double learningRate(ComputationGraph network) {
        for (Layer layer : network.getLayers()) {
            if (layer.numParams() > 0) {
                Double rate = network.getLearningRate(layer.conf().getLayer().getLayerName());
                if (rate != null) {
                    return rate;
                }
            }
        }
        return Double.NaN;
    }

    /**
     * On an executor whose mesh endpoint belongs to an earlier master: closes it, so that DL4J joins this JVM to
     * the new master's mesh (it joins only when the endpoint is down). The driver's endpoint DL4J replaces itself.
     */
    private static void leaveStaleMesh(int instance) throws ReflectiveOperationException {
        if (SparkEnv.get() == null || "driver".equals(SparkEnv.get().executorId())) {
            return;
        }
        Field last = SharedTrainingWrapper.class.getDeclaredField("LAST_INSTANCE_ID");
        last.setAccessible(true);
        long previous = ((AtomicLong) last.get(null)).get();
        ModelParameterServer mesh = ModelParameterServer.getInstance();
        if (previous != Long.MIN_VALUE && previous != instance) {
            MeshEndpoint.close(mesh);
        }
    }

    /** The id DL4J's shared trainer tells this master's executors apart from another master's by. */
    private static int instanceId(SharedTrainingMaster master) {
        try {
            Field id = SharedTrainingMaster.class.getDeclaredField("instanceId");
            id.setAccessible(true);
            return id.getInt(master);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's SharedTrainingMaster no longer has the field instanceId; this "
                    + "class is written for dl4j-spark-parameterserver 1.0.0-M2", e);
        }
    }

    /** The model DL4J's shared trainer keeps in this JVM, or null before its first fit here. */
    private static Model executorModel() {
        try {
            Field instance = SharedTrainingWrapper.class.getDeclaredField("INSTANCE");
            instance.setAccessible(true);
            Field model = SharedTrainingWrapper.class.getDeclaredField("originalModel");
            model.setAccessible(true);
            return (Model) model.get(instance.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's SharedTrainingWrapper no longer has the fields INSTANCE and "
                    + "originalModel; this class is written for dl4j-spark-parameterserver 1.0.0-M2", e);
        }
    }

    /** Driver side, after training: closes this JVM's mesh endpoint, freeing its UDP port (the next fit reopens it). */
    static void releaseDriverMesh() {
        MeshEndpoint.close(ModelParameterServer.getInstance());
    }
}
