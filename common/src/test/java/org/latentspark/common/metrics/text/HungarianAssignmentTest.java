package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HungarianAssignmentTest {
    @Test
    void findsTheKnownOptimum() {
        // rows -> columns 1, 0, 2 cost 1 + 2 + 2 = 5; every other permutation costs more
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[] {1, 0, 2}, HungarianAssignment.minimumCost(cost));
    }

    @Test
    void beatsTheGreedyMatch() {
        // greedy takes the cheapest cell -0.9 first, then -0.1: total -1.0; the optimum is -0.8 - 0.85 = -1.65
        double[][] cost = {{-0.9, -0.8}, {-0.85, -0.1}};
        assertArrayEquals(new int[] {1, 0}, HungarianAssignment.minimumCost(cost));
    }

    @Test
    void assignsRectangularMatrices() {
        // 2 rows, 3 columns: row 0 -> 2 (1), row 1 -> 0 (2); total 3
        assertArrayEquals(new int[] {2, 0}, HungarianAssignment.minimumCost(new double[][] {{5, 4, 1}, {2, 9, 1}}));
        // 3 rows, 2 columns: row 0 -> 1 (2), row 2 -> 0 (1); row 1 stays unassigned
        assertArrayEquals(new int[] {1, -1, 0},
                HungarianAssignment.minimumCost(new double[][] {{5, 2}, {4, 9}, {1, 1}}));
    }

    @Test
    void matchesExhaustiveSearchOnRandomMatrices() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] cost = new double[n][n];
            for (double[] row : cost) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextInt(10) - 3;
                }
            }
            int[] assignment = HungarianAssignment.minimumCost(cost);
            assertEquals(bruteForceMinimum(cost, 0, new boolean[n]), total(cost, assignment), 1e-9);
        }
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            sum += cost[i][assignment[i]];
        }
        return sum;
    }

    private static double bruteForceMinimum(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + bruteForceMinimum(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
