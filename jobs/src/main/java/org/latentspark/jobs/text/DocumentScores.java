package org.latentspark.jobs.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.metrics.text.DocumentCompletion;
import org.latentspark.common.metrics.text.Perplexity;
import org.latentspark.common.model.TopicVaeInference;
import org.latentspark.common.model.VaeInference;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.jobs.inference.ScoresTable;
import org.latentspark.jobs.training.BatchEncoder;

/** What a topic model gives per batch of documents, on the executors: ELBO scores and document completion. */
final class DocumentScores {
    private DocumentScores() {
    }

    /** The scores table's rows ({@link ScoresTable}) for one batch of documents. */
    static List<Row> scores(VaeInference inference, List<Row> rows, TextBatchEncoder encoder) {
        var batch = encoder.encode(rows, BatchEncoder.EVALUATION_EPOCH, 1.0);
        VaeInference.Pass pass = inference.forward(batch.getFeatures(0), batch.getFeatures(1),
                BatchEncoder.observations(batch));
        var kl = pass.kl();
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.add(RowFactory.create(r.getAs(TextSchema.SPLIT), r.getAs(TextSchema.ID), pass.nll().getDouble(i),
                    kl.getDouble(i), pass.klPerDim().getRow(i).toDoubleVector(),
                    pass.zMean().getRow(i).toDoubleVector(), null, null));
        }
        return out;
    }

    /**
     * Document completion on a batch of held-out documents: θ inferred from the observed half (the posterior's mode
     * after {@code modeSteps} steps from the encoder's mean, {@link TopicVaeInference#posteriorMode}) scores the
     * other; one sum per document, added up in order.
     */
    static List<Perplexity.Sum> completion(TopicVaeInference inference, List<Row> rows, TextBatchEncoder encoder,
                                           int modeSteps) {
        List<DocumentCompletion> halves = rows.stream()
                .map(r -> DocumentCompletion.split(encoder.document(r))).toList();
        List<BagOfWords> observed = halves.stream().map(DocumentCompletion::observed).toList();
        var posterior = inference.posterior(encoder.encoderInput(observed));
        var words = inference.wordDistribution(inference.posteriorMode(posterior, encoder.counts(observed),
                modeSteps));
        List<Perplexity.Sum> out = new ArrayList<>(halves.size());
        for (int i = 0; i < halves.size(); i++) {
            out.add(Perplexity.document(words.getRow(i).toDoubleVector(), halves.get(i).evaluated()));
        }
        return out;
    }
}
