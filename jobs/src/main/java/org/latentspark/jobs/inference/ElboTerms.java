package org.latentspark.jobs.inference;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.schema.EvaluationSchema.Metric;

/** The ELBO's terms per split, averaged over examples, from a table of per-example scores. */
public final class ElboTerms {
    private ElboTerms() {
    }

    /**
     * neg_elbo, reconstruction, kl and kl_dim per split, and iwae_nll where computed.
     * @param scores columns split, nll, kl, kl_dim (array of double) and optionally iwae_nll
     */
    public static List<Metric> perSplit(Dataset<Row> scores, String model) {
        List<Metric> out = new ArrayList<>();
        boolean iwae = Arrays.asList(scores.columns()).contains("iwae_nll");
        Dataset<Row> sums = iwae
                ? scores.groupBy("split").agg(avg("nll"), avg("kl"), avg(col("nll").plus(col("kl"))), avg("iwae_nll"))
                : scores.groupBy("split").agg(avg("nll"), avg("kl"), avg(col("nll").plus(col("kl"))));
        for (Row r : sums.collectAsList()) {
            String split = r.getString(0);
            out.add(new Metric(model, split, "reconstruction", null, null, r.getDouble(1)));
            out.add(new Metric(model, split, "kl", null, null, r.getDouble(2)));
            out.add(new Metric(model, split, "neg_elbo", null, null, r.getDouble(3)));
            if (iwae && !r.isNullAt(4)) {
                out.add(new Metric(model, split, "iwae_nll", null, null, r.getDouble(4)));
            }
        }
        Dataset<Row> perDim = scores.select(col("split"), posexplode(col("kl_dim")))
                .groupBy("split", "pos").agg(avg("col"));
        for (Row r : perDim.collectAsList()) {
            out.add(new Metric(model, r.getString(0), "kl_dim", r.getInt(1), null, r.getDouble(2)));
        }
        return out;
    }
}
