package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;

class TrainingMastersTest {
    @Test
    void subnetsMaskTheAddressToThePrefix() {
        byte[] address = {10, (byte) 200, 17, 5};
        assertEquals("10.200.0.0/16", TrainingMasters.subnet(address, 16));
        assertEquals("10.200.17.0/24", TrainingMasters.subnet(address, 24));
        assertEquals("10.200.17.5/32", TrainingMasters.subnet(address, 32));
        assertEquals("0.0.0.0/0", TrainingMasters.subnet(address, 0));
        assertEquals("192.168.0.0/16", TrainingMasters.subnet(new byte[] {(byte) 192, (byte) 168, 3, 4}, 16));
    }

    @Test
    void sharingDividesTheLearningRateAmongTheExecutorsWhoseStepsItSums() {
        RunConfig sharing = RunConfig.load(null, List.of("train.trainer=sharing", "train.learning-rate=0.01"));
        assertEquals(0.0025, TrainingMasters.networkConfig(sharing, 4).train().learningRate(), 1e-12);
        assertEquals(0.01, TrainingMasters.networkConfig(sharing, 1).train().learningRate(), 1e-12);
        RunConfig averaging = RunConfig.load(null, List.of("train.trainer=averaging", "train.learning-rate=0.01"));
        assertEquals(0.01, TrainingMasters.networkConfig(averaging, 4).train().learningRate(), 1e-12);
        assertEquals(sharing.resolvedJson(), TrainingMasters.networkConfig(sharing, 4).resolvedJson(),
                "the run manifest keeps the configured rate");
    }
}
