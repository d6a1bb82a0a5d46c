package org.latentspark.jobs.report;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** Points projected on their first principal components, in the points' own units (centred, not scaled). */
public final class PrincipalComponents {
    private PrincipalComponents() {
    }

    /** @return [points][dims]; dims must not exceed the points' width */
    public static double[][] project(double[][] points, int dims) {
        int n = points.length;
        int width = points[0].length;
        double[] mean = new double[width];
        for (double[] p : points) {
            for (int d = 0; d < width; d++) {
                mean[d] += p[d] / n;
            }
        }
        double[][] centred = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < width; d++) {
                centred[i][d] = points[i][d] - mean[d];
            }
        }
        RealMatrix x = new Array2DRowRealMatrix(centred, false);
        // The right singular vectors of the centred points are the principal directions, largest first.
        RealMatrix directions = new SingularValueDecomposition(x).getV().getSubMatrix(0, width - 1, 0, dims - 1);
        return x.multiply(directions).getData();
    }
}
