package org.latentspark.common.metrics.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PoissonRegressionTest {
    @Test
    void interceptOnlyFitIsTheLogOfTheMeanCount() {
        // A constant feature is absorbed by the unpenalised intercept, so with alpha > 0 its weight is 0.
        double[][] x = {{1}, {1}, {1}, {1}};
        PoissonRegression fit = PoissonRegression.fit(x, new double[] {0, 1, 2, 5}, 0.5);
        assertEquals(Math.log(2.0), fit.intercept(), 1e-15);
        assertArrayEquals(new double[] {0.0}, fit.weights(), 1e-15);
        assertEquals(2.0, fit.predict(new double[] {1}), 1e-14);
    }

    @Test
    void unpenalisedBinaryFeatureFitsEachGroupsMean() {
        // With x in {0, 1} and alpha = 0 the model matches each group's mean count:
        // exp(b) = mean(1, 2, 3) = 2 and exp(b + w) = mean(4, 6) = 5.
        double[][] x = {{0}, {0}, {0}, {1}, {1}};
        PoissonRegression fit = PoissonRegression.fit(x, new double[] {1, 2, 3, 4, 6}, 0.0);
        assertEquals(Math.log(2.0), fit.intercept(), 1e-12);
        assertEquals(Math.log(2.5), fit.weights()[0], 1e-12);
    }

    @Test
    void matchesSklearnPoissonRegressor() {
        // Reference: sklearn 1.2.1 PoissonRegressor(alpha, solver='newton-cholesky', tol=1e-14).fit(x, y).
        double[][] x = {{0.5, -1.0}, {1.5, 0.2}, {-0.3, 0.7}, {2.0, 1.1}, {0.0, -0.4}, {1.0, 0.9}, {-1.2, 0.3}};
        double[] y = {1, 3, 0, 6, 1, 2, 0};
        PoissonRegression fit = PoissonRegression.fit(x, y, 0.1);
        assertArrayEquals(new double[] {1.1134593238568566, 0.00465412183376473}, fit.weights(), 1e-9);
        assertEquals(-0.4989645311484295, fit.intercept(), 1e-9);
        fit = PoissonRegression.fit(x, y, 0.0);
        assertArrayEquals(new double[] {1.3272628757543938, -0.14229871104121677}, fit.weights(), 1e-9);
        assertEquals(-0.7194253530750048, fit.intercept(), 1e-9);
    }

    @Test
    void solutionSatisfiesSklearnsStationarityConditions() {
        // The gradient of 1/n sum(mu - y log mu) + alpha/2 |w|^2 vanishes at the optimum:
        // 1/n sum(mu_i - y_i) = 0 and 1/n sum((mu_i - y_i) x_ij) + alpha w_j = 0.
        Random random = new Random(11);
        int n = 300;
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i] = PoissonSamples.draw(random, Math.exp(0.3 * x[i][0] - 0.5 * x[i][2]));
        }
        double alpha = 0.05;
        PoissonRegression fit = PoissonRegression.fit(x, y, alpha);
        double[] w = fit.weights();
        double[] gradient = new double[5];
        for (int i = 0; i < n; i++) {
            double r = fit.predict(x[i]) - y[i];
            for (int j = 0; j < 4; j++) {
                gradient[j] += r * x[i][j] / n;
            }
            gradient[4] += r / n;
        }
        for (int j = 0; j < 4; j++) {
            gradient[j] += alpha * w[j];
        }
        assertArrayEquals(new double[5], gradient, 1e-12);
    }

    @Test
    void recoversKnownWeightsFromSimulatedCounts() {
        Random random = new Random(5);
        double[] trueWeights = {0.5, -0.3, 0.2};
        double trueIntercept = 0.1;
        int n = 4000;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = trueIntercept;
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian();
                eta += trueWeights[j] * x[i][j];
            }
            y[i] = PoissonSamples.draw(random, Math.exp(eta));
        }
        // About 4600 expected counts: standard errors near 0.015.
        PoissonRegression fit = PoissonRegression.fit(x, y, 0.0);
        assertArrayEquals(trueWeights, fit.weights(), 0.06);
        assertEquals(trueIntercept, fit.intercept(), 0.06);
    }

    @Test
    void neverFiringTargetIsFittedWithMinusInfiniteInterceptAndPredictsZero() {
        PoissonRegression fit = PoissonRegression.fit(new double[][] {{1.0}, {2.0}}, new double[] {0, 0}, 0.1);
        assertEquals(Double.NEGATIVE_INFINITY, fit.intercept());
        assertEquals(0.0, fit.predict(new double[] {3.0}));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoissonRegression.fit(new double[][] {{1, 1}, {2, 2}, {3, 3}}, new double[] {1, 2, 4}, 0.0));
        assertTrue(e.getMessage().startsWith("x has linearly dependent (e.g. constant) columns and alpha is 0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoissonRegression.fit(new double[][] {{1}, {2}}, new double[] {1, -1}, 0.1));
        assertEquals("y[1] is -1.0, expected a finite count >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoissonRegression.fit(new double[][] {{1}, {2}}, new double[] {1}, 0.1));
        assertEquals("x has 2 rows but y has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PoissonRegression.fit(new double[][] {{1}, {2}}, new double[] {1, 2}, -0.1));
        assertEquals("alpha is -0.1, expected a finite value >= 0", e.getMessage());
        PoissonRegression fit = PoissonRegression.fit(new double[][] {{1}, {2}}, new double[] {1, 2}, 0.1);
        e = assertThrows(IllegalArgumentException.class, () -> fit.predict(new double[] {1, 2}));
        assertEquals("row has 2 values but the regression was fitted on 1 features", e.getMessage());
    }
}
