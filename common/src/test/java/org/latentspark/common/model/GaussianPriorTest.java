package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latentspark.common.metrics.GaussianKl;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianPriorTest {

    @Test
    void symmetricDirichletLaplaceMatchesHandComputedCase() {
        // α = 1, K = 4: m = 0, v = (1 − ½) + 4/16 = ¾.
        GaussianPrior prior = GaussianPrior.symmetricDirichletLaplace(4, 1.0);
        assertArrayEquals(new double[4], prior.mean(), 1e-12);
        assertArrayEquals(new double[] {0.75, 0.75, 0.75, 0.75}, prior.variance(), 1e-12);
    }

    @Test
    void asymmetricDirichletLaplaceMatchesHandComputedCase() {
        // α = (1, 2, 4), K = 3: mean log α = log 2, so m = (−log 2, 0, log 2);
        // Σ 1/α = 7/4, v_k = (1/α_k)(1/3) + 7/36 = (19/36, 13/36, 10/36).
        GaussianPrior prior = GaussianPrior.dirichletLaplace(new double[] {1, 2, 4});
        assertArrayEquals(new double[] {-Math.log(2), 0, Math.log(2)}, prior.mean(), 1e-12);
        assertArrayEquals(new double[] {19 / 36.0, 13 / 36.0, 10 / 36.0}, prior.variance(), 1e-12);
        assertFalse(prior.isStandardNormal());
        assertTrue(GaussianPrior.standardNormal(3).isStandardNormal());
    }

    @Test
    void klMatchesHandComputedCase() {
        // μ = 1, log σ² = 0 against N(0, ¾): ½(1/¾ + 1/¾ − 0 + log ¾ − 1).
        GaussianPrior prior = GaussianPrior.symmetricDirichletLaplace(4, 1.0);
        INDArray mu = Nd4j.createFromArray(new double[][] {{1, 0, 0, 0}});
        INDArray logVar = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        double first = 0.5 * (2 / 0.75 + Math.log(0.75) - 1);
        double others = 0.5 * (1 / 0.75 + Math.log(0.75) - 1);
        assertArrayEquals(new double[] {first, others, others, others},
                prior.klPerDim(mu, logVar).getRow(0).toDoubleVector(), 1e-12);
    }

    @Test
    void standardNormalKlIsTheUsualOne() {
        double[] mu = {0.3, -1.2};
        double[] logVar = {-0.5, 0.4};
        INDArray kl = GaussianPrior.standardNormal(2).klPerDim(Nd4j.createFromArray(new double[][] {mu}),
                Nd4j.createFromArray(new double[][] {logVar}));
        assertArrayEquals(GaussianKl.perDimension(mu, logVar), kl.getRow(0).toDoubleVector(), 1e-12);
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        INDArray mu = Nd4j.randn(DataType.DOUBLE, 4, 3);
        INDArray logVar = Nd4j.randn(DataType.DOUBLE, 4, 3);
        double h = 1e-6;
        for (GaussianPrior prior : new GaussianPrior[] {GaussianPrior.standardNormal(3),
                GaussianPrior.dirichletLaplace(new double[] {0.5, 1, 3})}) {
            INDArray[] gradient = prior.klGradient(mu, logVar);
            INDArray[] inputs = {mu, logVar};
            for (int part = 0; part < 2; part++) {
                for (int i = 0; i < 4; i++) {
                    for (int k = 0; k < 3; k++) {
                        double original = inputs[part].getDouble(i, k);
                        inputs[part].putScalar(i, k, original + h);
                        double up = prior.klPerDim(mu, logVar).sum(1).getDouble(i);
                        inputs[part].putScalar(i, k, original - h);
                        double down = prior.klPerDim(mu, logVar).sum(1).getDouble(i);
                        inputs[part].putScalar(i, k, original);
                        assertEquals((up - down) / (2 * h), gradient[part].getDouble(i, k), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void logDensityMatchesHandComputedCase() {
        // K = 2, α = 1: m = 0, v = 1·(1 − 1) + 2/4 = ½. At z = (1, 0), without the 2π terms:
        // −½·(1/½) − ½·2·log ½.
        GaussianPrior prior = GaussianPrior.symmetricDirichletLaplace(2, 1.0);
        assertArrayEquals(new double[] {0.5, 0.5}, prior.variance(), 1e-12);
        double expected = -0.5 * (1 / 0.5) - Math.log(0.5);
        assertEquals(expected, prior.logDensityWithout2Pi(Nd4j.createFromArray(new double[][] {{1, 0}})).getDouble(0),
                1e-12);
    }

    @Test
    void badAlphaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianPrior.dirichletLaplace(new double[] {1, 0}));
        assertEquals("Dirichlet alpha must be positive, got 0.0", e.getMessage());
    }
}
