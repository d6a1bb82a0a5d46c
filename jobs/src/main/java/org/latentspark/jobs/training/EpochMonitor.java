package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Scores fixed samples of examples with fixed noise after every epoch (and before the first), giving the per-epoch
 * rows of the evaluation table: neg_elbo, reconstruction and kl, all with β = 1, per split sampled (validation,
 * and train for the training curve beside it).
 */
final class EpochMonitor {
    private final Map<String, MultiDataSet> batches = new LinkedHashMap<>();
    private final String model;

    /** @param samples examples by split; the first split's neg_elbo is the epoch's score (what train.keep uses) */
    EpochMonitor(Map<String, List<Row>> samples, BatchEncoder encoder, String model) {
        samples.forEach((split, rows) -> {
            if (!rows.isEmpty()) {
                batches.put(split, encoder.encode(rows, BatchEncoder.EVALUATION_EPOCH, 1.0));
            }
        });
        this.model = model;
    }

    /** The epoch's rows, the first split's neg_elbo first. */
    List<Metric> score(ComputationGraph network, int epoch) {
        List<Metric> out = new ArrayList<>();
        VaeInference inference = new VaeInference(network);
        batches.forEach((split, batch) -> {
            VaeInference.Pass pass = inference.forward(batch.getFeatures(0), batch.getFeatures(1),
                    BatchEncoder.observations(batch));
            double reconstruction = pass.nll().meanNumber().doubleValue();
            double kl = pass.kl().meanNumber().doubleValue();
            out.add(new Metric(model, split, "neg_elbo", null, epoch, reconstruction + kl));
            out.add(new Metric(model, split, "reconstruction", null, epoch, reconstruction));
            out.add(new Metric(model, split, "kl", null, epoch, kl));
        });
        return out;
    }
}
