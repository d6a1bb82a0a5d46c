package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.VaeArchitecture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class SharedModelSyncTest {
    private static final VaeArchitecture ARCH = new VaeArchitecture(ImageVaeGraph.MLP, 4, 4, 1, 2, List.of(8),
            List.of(), "bernoulli", 0.1);

    @Test
    void theDriversStateCarriesItsLearningRateAndAnExecutorModelTakesIt() {
        ComputationGraph driver = ImageVaeGraph.build(ARCH, 1, 2e-3);
        assertEquals(2e-3, SharedModelSync.learningRate(driver), 1e-12);
        INDArray pixels = Nd4j.rand(4, 16).gt(0.5).castTo(DataType.FLOAT);
        driver.fit(new MultiDataSet(new INDArray[] {pixels, Nd4j.randn(4, 2)},
                new INDArray[] {Nd4j.hstack(pixels, Nd4j.ones(4, 1))}));
        driver.setLearningRate(5e-4);
        SharedModelSync.DriverState state = SharedModelSync.driverState(driver);
        assertEquals(5e-4, state.learningRate(), 1e-12);

        // What resync does to an executor's model: parameters, updater state and rate.
        ComputationGraph executor = ImageVaeGraph.build(ARCH, 2, 2e-3);
        executor.params().assign(state.params());
        executor.getUpdater().getStateViewArray().assign(state.updater());
        executor.setLearningRate(state.learningRate());
        assertEquals(5e-4, SharedModelSync.learningRate(executor), 1e-12);
        assertEquals(driver.getUpdater().getStateViewArray(), executor.getUpdater().getStateViewArray(),
                "setting the rate keeps Adam's moments");
    }
}
