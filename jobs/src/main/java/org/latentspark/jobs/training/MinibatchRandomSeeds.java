package org.latentspark.jobs.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeds the training thread's ND4J random generator before every minibatch from the run's seed and the minibatch's
 * contents, so that dropout draws the same masks in every run. Without it the masks come from whatever state the
 * Spark task thread's generator is in: two identical ProdLDA runs on local[2] differed by 0.2 in a parameter after
 * one epoch, and their npmi by a tenth after twenty.
 */
public final class MinibatchRandomSeeds implements TrainingHook {
    private static final long serialVersionUID = 1L;
    /** Elements of each input array that enter the seed: enough to tell minibatches apart, cheap to read. */
    static final int SAMPLED_ELEMENTS = 1024;

    private final long seed;

    public MinibatchRandomSeeds(long seed) {
        this.seed = seed;
    }

    /** The generator seed for a minibatch with these inputs. */
    long seedFor(INDArray... inputs) {
        long h = mix(seed);
        for (INDArray input : inputs) {
            h = mix(h ^ input.length());
            long n = Math.min(input.length(), SAMPLED_ELEMENTS);
            for (long i = 0; i < n; i++) {
                h = mix(h ^ Double.doubleToLongBits(input.getDouble(i)));
            }
        }
        return h;
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(minibatch.getFeatures()));
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        Nd4j.getRandom().setSeed(seedFor(minibatch.getFeatures()));
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // Nothing to do after the update.
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        // Nothing to do after the update.
    }
}
