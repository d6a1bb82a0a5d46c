package org.latentspark.common.model;

/**
 * Loops over rows of equal length for {@link TopicWord}. Each indexes its arrays with the loop variable alone, the
 * form HotSpot vectorizes (see {@link RowArrays}).
 */
final class Rows {
    private Rows() {
    }

    /** y += a·x. */
    static void axpy(double a, double[] x, double[] y) {
        if (a == 0) {
            return;
        }
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[j];
        }
    }

    static double[] columnSums(double[][] rows) {
        double[] sums = new double[rows[0].length];
        for (double[] row : rows) {
            axpy(1, row, sums);
        }
        return sums;
    }

    static double[] columnMeans(double[][] rows) {
        double[] mean = columnSums(rows);
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= rows.length;
        }
        return mean;
    }

    /** The biased variance of each column, which batch norm normalizes with. */
    static double[] columnVariances(double[][] rows, double[] mean) {
        double[] variance = new double[mean.length];
        for (double[] row : rows) {
            for (int j = 0; j < variance.length; j++) {
                double d = row[j] - mean[j];
                variance[j] += d * d;
            }
        }
        for (int j = 0; j < variance.length; j++) {
            variance[j] /= rows.length;
        }
        return variance;
    }

    /** x̂ ← (y − mean) ⊙ inverseStd, then y ← scale ⊙ x̂ + shift: batch norm's forward pass for one row. */
    static void normalize(double[] y, double[] mean, double[] inverseStd, double[] scale, double[] shift,
                          double[] standardized) {
        for (int j = 0; j < y.length; j++) {
            double x = (y[j] - mean[j]) * inverseStd[j];
            standardized[j] = x;
            y[j] = scale[j] * x + shift[j];
        }
    }

    /** sums += dy, products += dy ⊙ x̂: batch norm's shift and scale gradients, one row. */
    static void addSumAndProduct(double[] dy, double[] standardized, double[] sums, double[] products) {
        for (int j = 0; j < dy.length; j++) {
            sums[j] += dy[j];
            products[j] += dy[j] * standardized[j];
        }
    }

    /** dy ← factor ⊙ (dy − meanDy − x̂ ⊙ meanDyXhat): batch norm's backward pass for one row. */
    static void batchNormBackward(double[] dy, double[] standardized, double[] factor, double[] meanDy,
                                  double[] meanDyXhat) {
        for (int j = 0; j < dy.length; j++) {
            dy[j] = factor[j] * (dy[j] - meanDy[j] - standardized[j] * meanDyXhat[j]);
        }
    }
}
