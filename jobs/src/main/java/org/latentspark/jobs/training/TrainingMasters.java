package org.latentspark.jobs.training;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
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
     */
    public static TrainingMaster averaging(TrainSettings train, long seed, int epoch) {
        return new ParameterAveragingTrainingMaster.Builder(train.batchSize())
                .batchSizePerWorker(train.batchSize())
                .averagingFrequency(train.averagingFrequency())
                .workerPrefetchNumBatches(2)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .rngSeed(seed * 1_000_003L + epoch)
                .build();
    }

    /** Gradient sharing (Strom 2015 threshold encoding), over an Aeron mesh rooted at the driver. */
    public static TrainingMaster sharing(TrainSettings train, long seed, JavaSparkContext sc) {
        VoidConfiguration mesh = VoidConfiguration.builder()
                .unicastPort(train.sharingPort())
                .controllerAddress(controllerAddress(train, sc))
                .build();
        return new SharedTrainingMaster.Builder(mesh, train.batchSize())
                .batchSizePerWorker(train.batchSize())
                .workersPerNode(train.workersPerNode())
                .thresholdAlgorithm(new AdaptiveThresholdAlgorithm(train.sharingThreshold()))
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
