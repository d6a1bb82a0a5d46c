package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentspark.common.model.likelihood.Likelihood;
import org.latentspark.common.model.likelihood.Likelihoods;
import org.latentspark.common.model.likelihood.MultinomialLikelihood;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.junit.jupiter.api.Test;

class LikelihoodTest {

    @Test
    void bernoulliMatchesHandComputedCase() {
        // logits 0 → p = ½ for both features: −log p = 2·log 2 whatever x is; logit 2, x = 1: softplus(2) − 2.
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, 0}, {2, 0}});
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 1}});
        INDArray nll = Likelihoods.byName("bernoulli", 0).negLogLikelihood(logits, x);
        assertEquals(2 * Math.log(2), nll.getDouble(0), 1e-12);
        assertEquals(Math.log1p(Math.exp(2)) - 2 + Math.log(2), nll.getDouble(1), 1e-12);
    }

    @Test
    void gaussianMatchesHandComputedCase() {
        double sigma = 0.5;
        INDArray mean = Nd4j.createFromArray(new double[][] {{0.0, 1.0}});
        INDArray x = Nd4j.createFromArray(new double[][] {{1.0, 1.0}});
        double expected = 1.0 / (2 * sigma * sigma) + 2 * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
        assertEquals(expected, Likelihoods.byName("gaussian", sigma).negLogLikelihood(mean, x).getDouble(0), 1e-12);
    }

    @Test
    void poissonMatchesHandComputedCase() {
        // Rate 2, 3 spikes: 2 − 3·log 2 + log 3!; rate 1, no spike: 1.
        INDArray logRates = Nd4j.createFromArray(new double[][] {{Math.log(2), 0}});
        INDArray x = Nd4j.createFromArray(new double[][] {{3, 0}});
        double expected = 2 - 3 * Math.log(2) + Math.log(6) + 1;
        assertEquals(expected, Likelihoods.byName("poisson", 0).negLogLikelihood(logRates, x).getDouble(0), 1e-9);
        assertEquals(2.0, Likelihoods.byName("poisson", 0).mean(logRates).getDouble(0, 0), 1e-12);
    }

    @Test
    void multinomialMatchesHandComputedCase() {
        // Logits (0, log 3) → p = (¼, ¾); counts (2, 1): −2·log ¼ − log ¾. Large logits must not overflow.
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, Math.log(3)}, {1000, 1000 + Math.log(3)}});
        INDArray x = Nd4j.createFromArray(new double[][] {{2, 1}, {2, 1}});
        Likelihood multinomial = Likelihoods.byName("multinomial", 0);
        double expected = -2 * Math.log(0.25) - Math.log(0.75);
        assertArrayEquals(new double[] {expected, expected}, multinomial.negLogLikelihood(logits, x).toDoubleVector(),
                1e-9);
        assertArrayEquals(new double[] {0.25, 0.75}, multinomial.mean(logits).getRow(0).toDoubleVector(), 1e-12);
    }

    /**
     * The loss's arrays are views (the first columns of wider matrices) in FLOAT: the row-by-row multinomial gives
     * what the element-wise ops give on contiguous DOUBLE copies, and leaves the other columns alone.
     */
    @Test
    void multinomialOnFloatViewsMatchesTheContiguousComputation() {
        MultinomialLikelihood multinomial = new MultinomialLikelihood();
        INDArray wideLogits = Nd4j.rand(DataType.FLOAT, 6, 13).subi(0.5).muli(8);
        INDArray wideCounts = Transforms.floor(Nd4j.rand(DataType.FLOAT, 6, 10).muli(5), false);
        INDArray wideOut = Nd4j.valueArrayOf(new long[] {6, 12}, 7f, DataType.FLOAT);
        INDArray logits = wideLogits.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9));
        INDArray counts = wideCounts.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9));
        INDArray out = wideOut.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9));

        double total = multinomial.gradientAndTotal(logits, counts, out);

        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 6, 9);
        multinomial.gradient(logits.castTo(DataType.DOUBLE).dup(), counts.castTo(DataType.DOUBLE).dup(), expected);
        assertEquals(multinomial.totalNegLogLikelihood(logits.castTo(DataType.DOUBLE).dup(),
                counts.castTo(DataType.DOUBLE).dup()), total, 1e-3);
        assertTrue(expected.equalsWithEps(out.castTo(DataType.DOUBLE), 1e-4));
        INDArray untouched = wideOut.get(NDArrayIndex.all(), NDArrayIndex.interval(9, 12));
        assertTrue(untouched.equals(Nd4j.valueArrayOf(new long[] {6, 3}, 7f, DataType.FLOAT)));
    }

    @Test
    void poissonsFusedPassMatchesTheOpsOnFloatViewsWithLargeAndFractionalCounts() {
        Likelihood poisson = Likelihoods.byName("poisson", 0);
        INDArray wideRates = Nd4j.rand(DataType.FLOAT, 4, 10).subi(0.5).muli(3);
        // Counts past the table of log x! (256) and fractional ones, which go to log Γ.
        INDArray wideCounts = Nd4j.create(new float[][] {{0, 1, 2, 3, 300, 0, 1, 0, 9, 9},
                {2.5f, 0, 7, 1, 1, 0, 4, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {12, 1, 0, 255, 256, 3, 3, 3, 0.25f, 5}});
        INDArray logRates = wideRates.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 8));
        INDArray counts = wideCounts.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 10));
        INDArray out = Nd4j.zeros(DataType.FLOAT, 4, 8);

        double total = poisson.gradientAndTotal(logRates, counts, out);

        INDArray l = logRates.castTo(DataType.DOUBLE).dup();
        INDArray x = counts.castTo(DataType.DOUBLE).dup();
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 4, 8);
        poisson.gradient(l, x, expected);
        double exact = poisson.totalNegLogLikelihood(l, x);
        assertEquals(exact, total, 1e-4 * Math.abs(exact));
        assertTrue(expected.equalsWithEps(out.castTo(DataType.DOUBLE), 1e-4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian", "poisson", "multinomial"})
    void gradientMatchesFiniteDifferences(String name) {
        Likelihood likelihood = Likelihoods.byName(name, 0.3);
        INDArray params = Nd4j.rand(DataType.DOUBLE, 5, 7).subi(0.5).muli(4);
        // Counts for the count likelihoods, intensities in [0, 1] for the others.
        INDArray x = name.equals("poisson") || name.equals("multinomial")
                ? Transforms.floor(Nd4j.rand(DataType.DOUBLE, 5, 7).muli(6), false)
                : Nd4j.rand(DataType.DOUBLE, 5, 7);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 5, 7);
        likelihood.gradient(params, x, gradient);
        assertEquals(likelihood.negLogLikelihood(params, x).sumNumber().doubleValue(),
                likelihood.totalNegLogLikelihood(params, x), 1e-9);
        INDArray fused = Nd4j.zeros(DataType.DOUBLE, 5, 7);
        assertEquals(likelihood.totalNegLogLikelihood(params, x), likelihood.gradientAndTotal(params, x, fused), 1e-9);
        assertArrayEquals(gradient.data().asDouble(), fused.data().asDouble(), 1e-12, name);
        double h = 1e-6;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                double original = params.getDouble(i, j);
                params.putScalar(i, j, original + h);
                double up = likelihood.negLogLikelihood(params, x).getDouble(i);
                params.putScalar(i, j, original - h);
                double down = likelihood.negLogLikelihood(params, x).getDouble(i);
                params.putScalar(i, j, original);
                assertEquals((up - down) / (2 * h), gradient.getDouble(i, j), 1e-6, name + " at " + i + "," + j);
            }
        }
    }
}
