package org.latentspark.jobs.training;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.jobs.spark.ExecutorFleet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/** Builds DL4J's training master for the configured trainer: parameter averaging or gradient sharing. */
public final class TrainingMasters {
    private TrainingMasters() {
    }

    /**
     * Parameter averaging for one epoch. A fresh master per epoch, seeded by (seed, epoch), makes each epoch's
     * data split depend on nothing else, so a run resumed from a checkpoint repeats an uninterrupted one.
     * It trains from minibatch files ({@link MinibatchExport}), one {@code fitPaths} per averaging round.
     *
     * @param workers the tasks that train concurrently (Spark's default parallelism); DL4J's path-based training of
     *                a graph cannot work it out itself (it asks a null network)
     */
    public static TrainingMaster averaging(TrainSettings train, long seed, int epoch, int workers) {
        // The rounds are planned by AveragingRounds, one partition per worker slice. DL4J is told each file holds
        // one example, so that it takes a round's files as one split and caps no slice below its files.
        return new ParameterAveragingTrainingMaster.Builder(workers, 1)
                .batchSizePerWorker(train.batchSize())
                .averagingFrequency(train.averagingFrequency())
                .repartionData(Repartition.Never)
                .workerPrefetchNumBatches(2)
                .saveUpdater(true)
                .rngSeed(seed * 1_000_003L + epoch)
                .trainingHooks(new MinibatchRandomSeeds(seed))
                .build();
    }

    /**
     * Executors that run training tasks. DL4J's gradient sharing keeps one training wrapper per JVM, fed by one
     * partition; several tasks feeding the same JVM's wrapper deadlock.
     */
    public static int executors(JavaSparkContext sc) {
        return Math.max(1, ExecutorFleet.registered(sc).size());
    }

    /**
     * Training threads per executor JVM under gradient sharing: one. With more, DL4J 1.0.0-M2's shared trainer ran
     * slower and deadlocked (BlockingObserver.waitTillDone with no trainer thread left); the executor's cores go
     * to ND4J's op threads instead.
     */
    static int workersPerNode(TrainSettings train) {
        if (train.workersPerNode() > 1) {
            throw new UserInputException("configuration key train.sharing.workers-per-node: " + train.workersPerNode()
                    + " training threads per executor are not supported (DL4J 1.0.0-M2's gradient sharing "
                    + "deadlocks with more than one); use 1, and the executor's cores become ND4J op threads "
                    + "(train.threads-per-worker)");
        }
        return 1;
    }

    /**
     * ND4J op threads for each training task: the configured number, or the cores each concurrently running task
     * owns, so that tasks × threads does not exceed the cores (oversubscribed, training runs slower). Averaging
     * runs a task per core; sharing runs one task per executor.
     */
    public static int opThreads(TrainSettings train, JavaSparkContext sc) {
        if (train.threadsPerWorker() > 0) {
            return train.threadsPerWorker();
        }
        boolean local = ExecutorFleet.isLocal(sc.getConf());
        int cores = local ? Runtime.getRuntime().availableProcessors() : ExecutorFleet.coresPerExecutor(sc);
        int tasks = TrainSettings.SHARING.equals(train.trainer()) ? workersPerNode(train)
                : local ? sc.defaultParallelism() : cores;
        return Math.max(1, cores / tasks);
    }

    /**
     * The configuration a new network is built with. Under gradient sharing every worker applies every worker's
     * updates, so N executors step N times as far per round as one: each worker's learning rate is
     * train.learning-rate / N, and the sum of their steps is the configured step. (LFADS on the neural test data, two
     * executors, 40 epochs: latent_r2 0.877 and co_bps below the smoothing baseline's with the summed steps; 0.911 and
     * above it with the divided rate.) Averaging averages the workers' parameters and needs no correction.
     */
    public static RunConfig networkConfig(RunConfig config, int executors) {
        TrainSettings train = config.train();
        if (!TrainSettings.SHARING.equals(train.trainer()) || executors <= 1) {
            return config;
        }
        return config.withTrain(train.withLearningRate(train.learningRate() / executors));
    }

    /** Gradient sharing (Strom 2015 threshold encoding), over an Aeron mesh rooted at the driver. */
    public static SharedTrainingMaster sharing(TrainSettings train, long seed, JavaSparkContext sc) {
        VoidConfiguration.VoidConfigurationBuilder mesh = VoidConfiguration.builder()
                .portSupplier(new ExecutorPortSupplier(train.sharingPort()))
                .controllerAddress(controllerAddress(train, sc));
        String networkMask = networkMask(train, sc);
        if (networkMask != null) {
            mesh.networkMask(networkMask);
        }
        return new SharedTrainingMaster.Builder(mesh.build(), train.batchSize())
                .batchSizePerWorker(train.batchSize())
                .workersPerNode(workersPerNode(train))
                // Keep one partition per executor JVM, as the trainer made them: DL4J's default repartitioner
                // reshuffles the paths, which can hand one JVM two feeding tasks.
                .repartitionData(Repartition.Never)
                .repartitioner(null)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(train.sharingThreshold(),
                        AdaptiveThresholdAlgorithm.DEFAULT_MIN_SPARSITY_TARGET, train.sharingMaxSparsity(),
                        AdaptiveThresholdAlgorithm.DEFAULT_DECAY_RATE))
                .workerPrefetchNumBatches(2)
                .rngSeed(seed)
                .build();
    }

    private static String controllerAddress(TrainSettings train, JavaSparkContext sc) {
        if (!train.controllerAddress().isBlank()) {
            return train.controllerAddress();
        }
        return sc.getConf().get("spark.driver.host", "127.0.0.1");
    }

    /**
     * The subnet in which each executor picks the address it announces to the mesh: the configured one, else the
     * driver's interface subnet widened to at most /16 (executors on other hosts of a YARN or Kubernetes cluster
     * usually share it), or none when the driver is on loopback (one host; DL4J then announces 127.0.0.1).
     */
    static String networkMask(TrainSettings train, JavaSparkContext sc) {
        if (!train.networkMask().isBlank()) {
            return train.networkMask();
        }
        try {
            InetAddress driver = InetAddress.getByName(controllerAddress(train, sc));
            if (driver.isLoopbackAddress() || driver.getAddress().length != 4) {
                return null;
            }
            NetworkInterface nic = NetworkInterface.getByInetAddress(driver);
            if (nic == null) {
                return null;
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress().equals(driver)) {
                    return subnet(driver.getAddress(), Math.min(address.getNetworkPrefixLength(), 16));
                }
            }
            return null;
        } catch (UnknownHostException | SocketException e) {
            return null;
        }
    }

    /** The IPv4 network of {@code address} with a prefix of {@code bits}, e.g. 10.1.0.0/16. */
    static String subnet(byte[] address, int bits) {
        int ip = ((address[0] & 0xff) << 24) | ((address[1] & 0xff) << 16) | ((address[2] & 0xff) << 8)
                | (address[3] & 0xff);
        int network = bits == 0 ? 0 : ip & (-1 << (32 - bits));
        return String.format("%d.%d.%d.%d/%d", network >>> 24, (network >>> 16) & 0xff, (network >>> 8) & 0xff,
                network & 0xff, bits);
    }
}
