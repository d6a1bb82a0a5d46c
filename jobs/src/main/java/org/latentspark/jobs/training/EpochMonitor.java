package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Scores a fixed sample of validation examples with fixed noise after every epoch (and before the first), giving
 * the per-epoch rows of the evaluation table: neg_elbo, reconstruction and kl, all with β = 1.
 */
final class EpochMonitor {
    private final MultiDataSet batch;
    private final String model;

    EpochMonitor(List<Row> validationRows, BatchEncoder encoder, String model) {
        this.batch = encoder.encode(validationRows, BatchEncoder.EVALUATION_EPOCH, 1.0);
        this.model = model;
    }

    List<Metric> score(ComputationGraph network, int epoch) {
        VaeInference.Pass pass = new VaeInference(network).forward(batch.getFeatures(0), batch.getFeatures(1),
                BatchEncoder.observations(batch));
        double reconstruction = pass.nll().meanNumber().doubleValue();
        double kl = pass.kl().meanNumber().doubleValue();
        List<Metric> out = new ArrayList<>();
        out.add(new Metric(model, "validation", "neg_elbo", null, epoch, reconstruction + kl));
        out.add(new Metric(model, "validation", "reconstruction", null, epoch, reconstruction));
        out.add(new Metric(model, "validation", "kl", null, epoch, kl));
        return out;
    }
}
