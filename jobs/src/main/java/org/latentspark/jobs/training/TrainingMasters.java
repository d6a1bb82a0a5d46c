package org.latentspark.jobs.training;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.latentspark.common.config.TrainSettings;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;

/** Builds DL4J's training master for the configured trainer: parameter averaging or gradient sharing. */
public final class TrainingMasters {
    private TrainingMasters() {
    }

    /**
     * Parameter averaging for one epoch. A fresh master per epoch, seeded by (seed, epoch), makes each epoch's
     * data split depend on nothing else, so a run resumed from a checkpoint repeats an uninterrupted one.
     * DL4J leaves exported minibatches behind; the caller deletes {@code exportDirectory} after the fit.
     */
    public static TrainingMaster averaging(TrainSettings train, long seed, int epoch, String exportDirectory) {
        return new ParameterAveragingTrainingMaster.Builder(train.batchSize())
                .batchSizePerWorker(train.batchSize())
                .averagingFrequency(train.averagingFrequency())
                .workerPrefetchNumBatches(2)
                .saveUpdater(true)
                // Export writes the epoch's minibatches once and hands each averaging round only its own files;
                // Direct re-scans the whole RDD for every round, which grows quadratically with the data.
                .rddTrainingApproach(RDDTrainingApproach.Export)
                .exportDirectory(exportDirectory)
                .rngSeed(seed * 1_000_003L + epoch)
                .trainingHooks(new MinibatchRandomSeeds(seed))
                .build();
    }

    /**
     * Executors that run tasks: 1 on local Spark (the driver JVM), otherwise the registered executors. DL4J's
     * gradient sharing keeps one training wrapper per JVM, fed by one partition, with workers-per-node threads;
     * several tasks feeding the same JVM's wrapper deadlock.
     */
    public static int executors(JavaSparkContext sc) {
        if (sc.master().startsWith("local")) {
            return 1;
        }
        return Math.max(1, sc.sc().getExecutorMemoryStatus().size() - 1);
    }

    /** Training threads per executor JVM under gradient sharing. */
    static int workersPerNode(TrainSettings train, JavaSparkContext sc) {
        // On local Spark, more than one wrapper thread ran slower and eventually deadlocked (DL4J 1.0.0-M2).
        return train.workersPerNode() > 0 ? train.workersPerNode()
                : sc.master().startsWith("local") ? 1 : Math.max(1, sc.defaultParallelism() / executors(sc));
    }

    /**
     * ND4J op threads for each training task: the configured number, or the cores each concurrently running task
     * owns, so that tasks × threads does not exceed the cores (oversubscribed, training runs slower).
     */
    public static int opThreads(TrainSettings train, JavaSparkContext sc) {
        if (train.threadsPerWorker() > 0) {
            return train.threadsPerWorker();
        }
        int cores = sc.master().startsWith("local") ? Runtime.getRuntime().availableProcessors()
                : Math.max(1, sc.defaultParallelism() / executors(sc));
        int tasks = TrainSettings.SHARING.equals(train.trainer()) ? workersPerNode(train, sc)
                : sc.master().startsWith("local") ? sc.defaultParallelism() : cores;
        return Math.max(1, cores / tasks);
    }

    /** Gradient sharing (Strom 2015 threshold encoding), over an Aeron mesh rooted at the driver. */
    public static TrainingMaster sharing(TrainSettings train, long seed, JavaSparkContext sc) {
        int workersPerNode = workersPerNode(train, sc);
        VoidConfiguration mesh = VoidConfiguration.builder()
                .unicastPort(train.sharingPort())
                .controllerAddress(controllerAddress(train, sc))
                .build();
        return new SharedTrainingMaster.Builder(mesh, train.batchSize())
                .batchSizePerWorker(train.batchSize())
                .workersPerNode(workersPerNode)
                .repartitionData(Repartition.Never)
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(train.sharingThreshold(),
                        AdaptiveThresholdAlgorithm.DEFAULT_MIN_SPARSITY_TARGET, train.sharingMaxSparsity(),
                        AdaptiveThresholdAlgorithm.DEFAULT_DECAY_RATE))
                .workerPrefetchNumBatches(2)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed)
                .build();
    }

    private static String controllerAddress(TrainSettings train, JavaSparkContext sc) {
        if (!train.controllerAddress().isBlank()) {
            return train.controllerAddress();
        }
        if (sc.master().startsWith("local")) {
            return "127.0.0.1";
        }
        return sc.getConf().get("spark.driver.host");
    }
}
