package org.latentspark.common.metrics;

/**
 * Column means and centred cross products of a row-major matrix, computed in two passes (means
 * first, then centred products) so that large offsets do not cancel catastrophically. Callers have
 * already validated the matrix.
 */
final class Moments {
    private Moments() {
    }

    static double[] columnMeans(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        return mean;
    }

    /** The scatter matrix sum_i (x_i - mean)(x_i - mean)^T, a symmetric d x d matrix. */
    static double[][] scatter(double[][] x, double[] mean) {
        int d = mean.length;
        double[][] s = new double[d][d];
        double[] c = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                for (int k = j; k < d; k++) {
                    s[j][k] += c[j] * c[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                s[j][k] = s[k][j];
            }
        }
        return s;
    }
}
