package org.latentspark.jobs.neural;

import java.util.List;
import org.apache.spark.sql.Row;

/** Unflattens the time-major array columns of trial rows into [trial][bin][unit] arrays for the NLB metrics. */
final class TrialArraysOfRows {
    private TrialArraysOfRows() {
    }

    /** Integer counts of {@code column}, a bins × units matrix per row. */
    static int[][][] counts(List<Row> rows, String column, int bins, int units) {
        int[][][] out = new int[rows.size()][bins][units];
        for (int i = 0; i < rows.size(); i++) {
            List<Integer> values = rows.get(i).getList(rows.get(i).fieldIndex(column));
            for (int t = 0; t < bins; t++) {
                for (int n = 0; n < units; n++) {
                    out[i][t][n] = values.get(t * units + n);
                }
            }
        }
        return out;
    }

    /**
     * Columns [fromUnit, fromUnit + units) of bins [fromBin, fromBin + bins) of a float matrix with {@code width}
     * columns per bin.
     */
    static double[][][] floats(List<Row> rows, String column, int width, int fromBin, int bins, int fromUnit,
                               int units) {
        double[][][] out = new double[rows.size()][bins][units];
        for (int i = 0; i < rows.size(); i++) {
            List<Float> values = rows.get(i).getList(rows.get(i).fieldIndex(column));
            for (int t = 0; t < bins; t++) {
                for (int n = 0; n < units; n++) {
                    out[i][t][n] = values.get((fromBin + t) * width + fromUnit + n);
                }
            }
        }
        return out;
    }
}
