package org.latentspark.common.model.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatExpTest {
    @Test
    void followsExpWellInsideFloatRoundingOverTheFloatRange() {
        int n = 175_001;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -87.0 + i * 0.001;
        }
        double[] e = x.clone();
        FloatExp.inPlace(e, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(e[i] - Math.exp(x[i])) / Math.exp(x[i]));
        }
        assertTrue(worst < 1e-8, "largest relative error " + worst + " (float rounding: 6e-8)");
        assertEquals(1.0, e[87_000], 1e-15, "e^0");
    }

    @Test
    void keepsNanAndTheEndsOfTheRange() {
        double[] a = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1000, 200, 0.5};
        FloatExp.inPlace(a, 5);
        assertTrue(Double.isNaN(a[0]), "a diverged logit stays visible");
        assertEquals(Double.POSITIVE_INFINITY, a[1]);
        assertTrue(a[2] >= 0 && a[2] < 1.3e-38, "e^-inf: about the smallest normal float, got " + a[2]);
        assertTrue(a[3] >= 0 && a[3] < 1.3e-38, "e^-1000, got " + a[3]);
        assertTrue(a[4] > Float.MAX_VALUE, "e^200 overflows a float as exp does, got " + a[4]);
        assertEquals(0.5, a[5], 0.0, "beyond the length: untouched");
    }
}
