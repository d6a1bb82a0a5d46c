package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class MinibatchRandomSeedsTest {
    private static MultiDataSet minibatch(INDArray x) {
        return new MultiDataSet(new INDArray[] {x, Nd4j.linspace(1, 6, 6).reshape(2, 3)},
                new INDArray[] {x.dup()});
    }

    /** The generator's next draws (what a dropout mask would take) after the hook has seen a minibatch. */
    private static INDArray drawsAfter(MinibatchRandomSeeds hook, MultiDataSet minibatch) {
        Nd4j.getRandom().setSeed(System.nanoTime());
        hook.preUpdate(minibatch, null);
        return Nd4j.rand(4, 5);
    }

    @Test
    void equalMinibatchesGetEqualDrawsWhateverTheGeneratorsStateBefore() {
        MinibatchRandomSeeds hook = new MinibatchRandomSeeds(42);
        INDArray x = Nd4j.linspace(0, 1, 20).reshape(2, 10);
        assertEquals(drawsAfter(hook, minibatch(x)), drawsAfter(hook, minibatch(x.dup())));
    }

    @Test
    void anotherMinibatchOrRunSeedGetsOtherDraws() {
        MinibatchRandomSeeds hook = new MinibatchRandomSeeds(42);
        INDArray x = Nd4j.linspace(0, 1, 20).reshape(2, 10);
        INDArray y = x.dup();
        y.putScalar(1, 9, 0.5);
        assertNotEquals(drawsAfter(hook, minibatch(x)), drawsAfter(hook, minibatch(y)));
        assertNotEquals(drawsAfter(hook, minibatch(x)), drawsAfter(new MinibatchRandomSeeds(43), minibatch(x)));
    }

    @Test
    void seedReadsAtMostTheSampledElementsOfEachInput() {
        MinibatchRandomSeeds hook = new MinibatchRandomSeeds(7);
        int n = MinibatchRandomSeeds.SAMPLED_ELEMENTS + 10;
        INDArray x = Nd4j.zeros(1, n);
        INDArray changedLate = x.dup();
        changedLate.putScalar(0, n - 1, 1.0);
        INDArray changedEarly = x.dup();
        changedEarly.putScalar(0, 3, 1.0);
        assertEquals(hook.seedFor(x), hook.seedFor(changedLate));
        assertNotEquals(hook.seedFor(x), hook.seedFor(changedEarly));
    }
}
