package org.latentspark.jobs.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoints under runs/&lt;id&gt;/checkpoints/epoch-NNNN/: the model with its updater state, and state.json
 * (epochs completed, seed, iteration count). state.json is written last, so a directory without it is incomplete
 * and ignored. The noise of later epochs is a function of (seed, epoch, id), so no RNG stream needs saving.
 * checkpoints/best/ holds the epoch with the best validation score so far (train.keep = best or selection), so a
 * resumed run still knows it.
 */
public final class Checkpoints {
    private static final String MODEL = "model.zip";
    private static final String STATE = "state.json";
    private static final String BEST = "/best";
    private final HadoopFiles files;
    private final String dir;

    public Checkpoints(HadoopFiles files, String dir) {
        this.files = files;
        this.dir = dir;
    }

    /** A restored checkpoint: the network, how many epochs it has completed, and their metrics. */
    public record Restored(ComputationGraph network, int epochsCompleted, List<Metric> history) {
    }

    public void save(ComputationGraph network, int epochsCompleted, long seed, List<Metric> history) {
        ObjectNode state = Json.object();
        state.put("epochs_completed", epochsCompleted);
        state.put("seed", seed);
        state.put("iteration_count", network.getIterationCount());
        state.put("noise", "standard normal per example, derived from (seed, epoch, example id)");
        state.set("history", TrainingHistory.toJson(history));
        write(dir + String.format("/epoch-%04d", epochsCompleted), network, true, state);
    }

    /**
     * The best epoch so far: its parameters, its number, and its validation score (metric and value; neg_elbo is
     * better lower, a selection score higher).
     */
    public record Best(INDArray params, int epoch, String metric, double value) {
        public static final String NEG_ELBO = "neg_elbo";

        /** Whether a value of the same metric is better than this one. */
        public boolean beatenBy(double other) {
            return NEG_ELBO.equals(metric) ? other < value : other > value;
        }
    }

    /** Replaces the best epoch; its state.json is removed first and written last, as for every checkpoint. */
    public void saveBest(ComputationGraph network, Best best) {
        ObjectNode state = Json.object();
        state.put("epoch", best.epoch());
        state.put("metric", best.metric());
        state.put("validation_value", best.value());
        write(dir + BEST, network, false, state);
    }

    /** The model, then state.json (removed first where it exists), which marks the checkpoint complete. */
    private void write(String checkpointDir, ComputationGraph network, boolean withUpdater, ObjectNode state) {
        files.delete(checkpointDir + "/" + STATE);
        files.mkdirs(checkpointDir);
        try (OutputStream out = files.create(checkpointDir + "/" + MODEL)) {
            ModelSerializer.writeModel(network, out, withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + checkpointDir, e);
        }
        files.writeString(checkpointDir + "/" + STATE, Json.write(state));
    }

    public Optional<Best> best() {
        String bestDir = dir + BEST;
        if (!files.exists(bestDir + "/" + STATE)) {
            return Optional.empty();
        }
        ObjectNode state = Json.parseObject(files.readString(bestDir + "/" + STATE), bestDir + "/" + STATE);
        try (InputStream in = files.open(bestDir + "/" + MODEL)) {
            ComputationGraph network = ModelSerializer.restoreComputationGraph(in, false);
            // Checkpoints from before train.keep = selection hold validation_neg_elbo.
            return Optional.of(state.has("metric")
                    ? new Best(network.params().dup(), state.get("epoch").asInt(), state.get("metric").asText(),
                            state.get("validation_value").asDouble())
                    : new Best(network.params().dup(), state.get("epoch").asInt(), Best.NEG_ELBO,
                            state.get("validation_neg_elbo").asDouble()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + bestDir, e);
        }
    }

    public Optional<Restored> latest() {
        String[] names = files.list(dir);
        for (int i = names.length - 1; i >= 0; i--) {
            String epochDir = dir + "/" + names[i];
            if (names[i].startsWith("epoch-") && files.exists(epochDir + "/" + STATE)) {
                ObjectNode state = Json.parseObject(files.readString(epochDir + "/" + STATE), epochDir + "/" + STATE);
                try (InputStream in = files.open(epochDir + "/" + MODEL)) {
                    ComputationGraph network = ModelSerializer.restoreComputationGraph(in, true);
                    return Optional.of(new Restored(network, state.get("epochs_completed").asInt(),
                            TrainingHistory.fromJson(state.get("history"))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read checkpoint " + epochDir, e);
                }
            }
        }
        return Optional.empty();
    }
}
