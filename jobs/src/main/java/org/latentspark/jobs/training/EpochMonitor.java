package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.inference.ImageBatch;

/**
 * Scores a fixed sample of validation examples with fixed noise after every epoch (and before the first), giving
 * the per-epoch rows of the evaluation table: neg_elbo, reconstruction and kl, all with β = 1.
 */
final class EpochMonitor {
    private final ImageBatch batch;
    private final String model;

    EpochMonitor(List<Row> validationRows, ImageBatch.Geometry geometry, long seed, String model) {
        this.batch = ImageBatch.of(validationRows, geometry, seed);
        this.model = model;
    }

    List<Metric> score(ComputationGraph network, int epoch) {
        VaeInference.Pass pass = new VaeInference(network).forward(batch.x(), batch.eps());
        double reconstruction = pass.nll().meanNumber().doubleValue();
        double kl = pass.kl().meanNumber().doubleValue();
        List<Metric> out = new ArrayList<>();
        out.add(new Metric(model, "validation", "neg_elbo", null, epoch, reconstruction + kl));
        out.add(new Metric(model, "validation", "reconstruction", null, epoch, reconstruction));
        out.add(new Metric(model, "validation", "kl", null, epoch, kl));
        return out;
    }
}
