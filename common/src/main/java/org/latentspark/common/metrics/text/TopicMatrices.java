package org.latentspark.common.metrics.text;

/** Argument checks and copies for the K × V matrices of the topic models in this package. */
final class TopicMatrices {
    private static final double SUM_TOLERANCE = 1e-6;

    private TopicMatrices() {
    }

    /** Checks that {@code rows} is a non-empty rectangular matrix of finite values; returns a deep copy. */
    static double[][] copy(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        int cols = rows[0] == null ? 0 : rows[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException(name + " row 0 is empty");
        }
        double[][] copy = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            int length = rows[k] == null ? 0 : rows[k].length;
            if (length != cols) {
                throw new IllegalArgumentException(name + " row " + k + " has " + length + " values, expected " + cols);
            }
            for (int w = 0; w < cols; w++) {
                if (!Double.isFinite(rows[k][w])) {
                    throw new IllegalArgumentException(name + " row " + k + " column " + w + " is " + rows[k][w]
                            + ", expected a finite value");
                }
            }
            copy[k] = rows[k].clone();
        }
        return copy;
    }

    /**
     * Checks that {@code rows} is a K × V matrix whose rows are word distributions (non-negative, summing to 1
     * within 1e-6); returns a deep copy.
     */
    static double[][] distributions(String name, double[][] rows) {
        double[][] copy = copy(name, rows);
        for (int k = 0; k < copy.length; k++) {
            double sum = 0.0;
            for (int w = 0; w < copy[k].length; w++) {
                if (copy[k][w] < 0.0) {
                    throw new IllegalArgumentException(name + " row " + k + " column " + w + " is " + copy[k][w]
                            + ", expected a probability >= 0");
                }
                sum += copy[k][w];
            }
            if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(name + " row " + k + " sums to " + sum
                        + ", expected a word distribution summing to 1");
            }
        }
        return copy;
    }

    /** Checks that {@code values} has {@code length} finite values; returns a copy. */
    static double[] copy(String name, double[] values, int length) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " has " + (values == null ? 0 : values.length)
                    + " values, expected " + length);
        }
        for (int i = 0; i < length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + ", expected a finite value");
            }
        }
        return values.clone();
    }

    /** Checks that θ has one finite value per topic. */
    static void checkTheta(double[] theta, int topics) {
        copy("theta", theta, topics);
    }

    static void checkTopic(int topic, int topics) {
        if (topic < 0 || topic >= topics) {
            throw new IllegalArgumentException("topic is " + topic + ", expected a topic in [0, " + topics + ")");
        }
    }

    /** Numerically stable softmax: exp(x - max) normalised. */
    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : logits) {
            max = Math.max(max, x);
        }
        double[] p = new double[logits.length];
        double sum = 0.0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
