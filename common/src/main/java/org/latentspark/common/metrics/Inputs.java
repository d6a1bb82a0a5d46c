package org.latentspark.common.metrics;

/**
 * Argument checks shared by the metrics. Each failure is an {@link IllegalArgumentException} whose
 * message names the argument and, for a matrix, the row at fault, so that a bad evaluation input is
 * found from the message alone.
 */
final class Inputs {
    private Inputs() {
    }

    /** Checks that {@code values} is non-empty and finite; returns its length. */
    static int vector(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + ", expected a finite value");
            }
        }
        return values.length;
    }

    /**
     * Checks that {@code rows} is a non-empty rectangular matrix of finite values with at least one
     * column; returns the number of columns.
     */
    static int matrix(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(name + " row 0 is empty");
        }
        int cols = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            int length = row == null ? 0 : row.length;
            if (length != cols) {
                throw new IllegalArgumentException(name + " row " + i + " has " + length + " values, expected " + cols);
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(name + " row " + i + " column " + j + " is " + row[j]
                            + ", expected a finite value");
                }
            }
        }
        return cols;
    }

    /** Checks that two arguments have as many {@code unit}s (values, rows) as each other. */
    static void sameLength(String name, int length, String otherName, int otherLength, String unit) {
        if (length != otherLength) {
            throw new IllegalArgumentException(name + " has " + length + " " + unit + " but " + otherName + " has "
                    + otherLength);
        }
    }

    static void atLeast(String what, int actual, int minimum) {
        if (actual < minimum) {
            throw new IllegalArgumentException(what + " is " + actual + ", expected at least " + minimum);
        }
    }
}
