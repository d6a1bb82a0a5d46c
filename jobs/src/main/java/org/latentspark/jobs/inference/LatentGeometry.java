package org.latentspark.jobs.inference;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.config.EvaluateSettings;
import org.latentspark.common.metrics.ActiveUnits;
import org.latentspark.common.metrics.LatentSpread;
import org.latentspark.common.metrics.LinearProbe;
import org.latentspark.common.metrics.MutualInformationGap;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.datasets.sharding.Splits;

/**
 * Metrics of the posterior means' geometry, computed on the driver from a bounded sample (ordered by id, so the
 * same sample every time): active units and spread on the test split; with known factors, a linear probe per
 * factor (fit on train, scored on test) and the mutual information gap. What is undefined on the sample is left out:
 * spread when every posterior mean is the same (a collapsed posterior), MIG when every factor is constant, a probe
 * of a factor constant on train or test.
 */
public final class LatentGeometry {
    /** Examples per split collected to the driver; the metrics are stable long before this. */
    static final int SAMPLE = 50_000;
    private final EvaluateSettings settings;

    public LatentGeometry(EvaluateSettings settings) {
        this.settings = settings;
    }

    public List<Metric> metrics(Dataset<Row> scores, String model) {
        List<Metric> out = new ArrayList<>();
        List<Row> test = sample(scores, Splits.TEST);
        if (test.size() < 2) {
            return out;
        }
        double[][] z = matrix(test, "z_mean");
        out.add(new Metric(model, Splits.TEST, "active_units", null, null,
                ActiveUnits.count(z, settings.activeUnitThreshold())));
        if (z.length > z[0].length && varies(z)) {
            out.add(new Metric(model, Splits.TEST, "spread_eee", null, null, LatentSpread.eee(z)));
            out.add(new Metric(model, Splits.TEST, "spread_vrm", null, null, LatentSpread.vrm(z)));
        }
        if (test.get(0).isNullAt(test.get(0).fieldIndex("factors"))) {
            return out;
        }
        double[][] factors = matrix(test, "factors");
        if (varies(factors)) {
            out.add(new Metric(model, Splits.TEST, "mig", null, null,
                    MutualInformationGap.compute(z, factors, settings.migBins())));
        }
        List<Row> train = sample(scores, Splits.TRAIN);
        double[][] zTrain = matrix(train, "z_mean");
        double[][] factorsTrain = matrix(train, "factors");
        for (int f = 0; f < factors[0].length; f++) {
            if (constant(column(factors, f)) || constant(column(factorsTrain, f))) {
                continue;
            }
            LinearProbe probe = LinearProbe.fit(zTrain, column(factorsTrain, f));
            out.add(new Metric(model, Splits.TEST, "probe_r2", f, null, probe.r2(z, column(factors, f))));
        }
        return out;
    }

    private static List<Row> sample(Dataset<Row> scores, String split) {
        return scores.where(col("split").equalTo(split)).orderBy("id").limit(SAMPLE)
                .select("z_mean", "factors").collectAsList();
    }

    private static double[][] matrix(List<Row> rows, String column) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            List<Number> values = rows.get(i).getList(rows.get(i).fieldIndex(column));
            out[i] = values.stream().mapToDouble(Number::doubleValue).toArray();
        }
        return out;
    }

    /** Whether any column of m (rows × columns) takes two values. */
    private static boolean varies(double[][] m) {
        for (int j = 0; j < m[0].length; j++) {
            if (!constant(column(m, j))) {
                return true;
            }
        }
        return false;
    }

    private static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[] column(double[][] m, int j) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][j];
        }
        return out;
    }
}
