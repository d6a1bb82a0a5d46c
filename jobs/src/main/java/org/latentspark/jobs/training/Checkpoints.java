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

/**
 * Checkpoints under runs/&lt;id&gt;/checkpoints/epoch-NNNN/: the model with its updater state, and state.json
 * (epochs completed, seed, iteration count). state.json is written last, so a directory without it is incomplete
 * and ignored. The noise of later epochs is a function of (seed, epoch, id), so no RNG stream needs saving.
 */
public final class Checkpoints {
    private static final String MODEL = "model.zip";
    private static final String STATE = "state.json";
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
        String epochDir = dir + String.format("/epoch-%04d", epochsCompleted);
        files.mkdirs(epochDir);
        try (OutputStream out = files.create(epochDir + "/" + MODEL)) {
            ModelSerializer.writeModel(network, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + epochDir, e);
        }
        ObjectNode state = Json.object();
        state.put("epochs_completed", epochsCompleted);
        state.put("seed", seed);
        state.put("iteration_count", network.getIterationCount());
        state.put("noise", "standard normal per example, derived from (seed, epoch, example id)");
        state.set("history", TrainingHistory.toJson(history));
        files.writeString(epochDir + "/" + STATE, Json.write(state));
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
