package org.latentspark.common.metrics.text;

import java.util.Arrays;

/**
 * The assignment problem solved by the Hungarian method (Kuhn, "The Hungarian method for the assignment
 * problem", Naval Research Logistics Quarterly 1955), in the O(n²m) shortest-augmenting-path form with dual
 * potentials (as in Jonker and Volgenant, Computing 1987): given an n × m cost matrix, pick at most one cell per
 * row and per column, min(n, m) cells in all, of least total cost.
 *
 * <p>Written here because neither commons-math3 nor Spark has one for Java callers (Breeze's
 * {@code KuhnMunkres} takes Scala collections of boxed values).
 */
public final class HungarianAssignment {
    private HungarianAssignment() {
    }

    /**
     * For each row of {@code cost} (n × m, finite), the column assigned to it, or −1 for the n − m rows left
     * unassigned when there are more rows than columns. The assignment has the least total cost.
     */
    public static int[] minimumCost(double[][] cost) {
        double[][] c = TopicMatrices.copy("cost", cost);
        int n = c.length;
        int m = c[0].length;
        if (n <= m) {
            return rowsToColumns(c);
        }
        double[][] transposed = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                transposed[j][i] = c[i][j];
            }
        }
        int[] columnToRow = rowsToColumns(transposed);
        int[] rowToColumn = new int[n];
        Arrays.fill(rowToColumn, -1);
        for (int j = 0; j < m; j++) {
            rowToColumn[columnToRow[j]] = j;
        }
        return rowToColumn;
    }

    /** Assigns every row of an n × m matrix with n <= m. Indices 1..n, 1..m inside; 0 is the sentinel. */
    private static int[] rowsToColumns(double[][] a) {
        int n = a.length;
        int m = a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] rowOf = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            // grow a shortest augmenting path from row i, keeping reduced costs a - u - v >= 0
            rowOf[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = rowOf[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double reduced = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (reduced < minv[j]) {
                            minv[j] = reduced;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOf[j0] != 0);
            do {
                int j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] columnOf = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOf[j] != 0) {
                columnOf[rowOf[j] - 1] = j - 1;
            }
        }
        return columnOf;
    }
}
