package org.latentspark.jobs.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.latentspark.common.config.TrainSettings;
import org.latentspark.common.manifest.RunManifest;
import org.latentspark.jobs.training.TrainingAudit;

/**
 * What training hands on to later steps (and to readers of the run manifest): written to the manifest's training
 * section and timings here, and read back here, so that no step reads another's JSON keys.
 *
 * @param examplesPerSecond training examples per second over the epochs this run trained (NaN: none)
 * @param seconds           the train step's wall time
 * @param settings          train.epochs (the most the run may train), batch-size, learning-rate and
 *                          model.kl-warmup-epochs, as resolved for the model and data where they were auto
 * @param epochsTrained     the epochs trained, with those before a resume
 * @param stoppedEarly      why training stopped before train.epochs (train.plateau), or null
 * @param audits            what each epoch really trained, by executor (not read back)
 */
public record TrainingSummary(String trainer, TrainSettings.Defaults settings, int epochsTrained, String stoppedEarly,
                              int resumedAfterEpoch, int keptEpoch,
                              double examplesPerSecond, double seconds, int executorsAtStart,
                              List<TrainingAudit> audits) {
    private static final String SECTION = "training";
    private static final String THROUGHPUT = "train_examples_per_s";
    private static final String TIMING = "train";

    void writeTo(RunManifest manifest) {
        manifest.timing(TIMING, seconds);
        manifest.section(SECTION).put("trainer", trainer).put("epochs", settings.epochs())
                .put("batch_size", settings.batchSize()).put("learning_rate", settings.learningRate())
                .put("kl_warmup_epochs", settings.klWarmupEpochs())
                .put("epochs_trained", epochsTrained).put("stopped_early", stoppedEarly)
                .put("resumed_after_epoch", resumedAfterEpoch).put("kept_epoch", keptEpoch)
                .put(THROUGHPUT, examplesPerSecond).put("executors_at_start", executorsAtStart);
        ArrayNode byEpoch = manifest.section(SECTION).putArray("examples_by_epoch");
        for (TrainingAudit audit : audits) {
            ObjectNode epoch = byEpoch.addObject().put("epoch", audit.epoch()).put("exported", audit.exported())
                    .put("trained", audit.trained());
            ObjectNode byExecutor = epoch.putObject("by_executor");
            audit.trainedByExecutor().forEach(byExecutor::put);
        }
    }

    /** The summary a run's training wrote; NaN and empty where a field is missing (a run written before it). */
    static TrainingSummary readFrom(RunManifest manifest) {
        JsonNode training = manifest.json().path(SECTION);
        int epochs = training.path("epochs").asInt(0);
        return new TrainingSummary(training.path("trainer").asText(""), new TrainSettings.Defaults(epochs,
                training.path("batch_size").asInt(0), training.path("learning_rate").asDouble(Double.NaN),
                training.path("kl_warmup_epochs").asInt(0)),
                training.path("epochs_trained").asInt(epochs),
                training.path("stopped_early").isTextual() ? training.path("stopped_early").asText() : null,
                training.path("resumed_after_epoch").asInt(0), training.path("kept_epoch").asInt(0),
                training.path(THROUGHPUT).asDouble(Double.NaN),
                manifest.json().path("timings_s").path(TIMING).asDouble(Double.NaN),
                training.path("executors_at_start").asInt(0), List.of());
    }
}
