package org.latentspark.jobs.steps;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import org.latentspark.jobs.modality.ModelCodec;
import org.latentspark.jobs.training.TrainingHistory;

/**
 * runs/&lt;id&gt;/model/: model.zip (DL4J's format, with updater state), config.json (the resolved configuration)
 * and the training history.
 */
public final class ModelStore {
    static final String MODEL = "model.zip";
    private final HadoopFiles files;

    public ModelStore(HadoopFiles files) {
        this.files = files;
    }

    public void save(String runDir, ComputationGraph network, String resolvedConfig, List<Metric> history) {
        String dir = OutputLayout.model(runDir);
        files.mkdirs(dir);
        files.writeAtomically(dir + "/" + MODEL, ModelCodec.toBytes(network, true));
        files.writeString(dir + "/config.json", resolvedConfig);
        files.writeString(dir + "/" + TrainingHistory.FILE, Json.write(TrainingHistory.toJson(history)));
    }

    public byte[] modelBytes(String runDir) {
        String path = OutputLayout.model(runDir) + "/" + MODEL;
        if (!files.exists(path)) {
            throw new UserInputException("no trained model at " + path);
        }
        return files.readBytes(path);
    }

    /** The run's model, shipped once to every executor; the caller destroys it when its jobs are done. */
    public Broadcast<byte[]> broadcast(SparkSession spark, String runDir) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes(runDir));
    }

    public List<Metric> history(String runDir) {
        String path = OutputLayout.model(runDir) + "/" + TrainingHistory.FILE;
        return TrainingHistory.fromJson(Json.parse(files.readString(path), path));
    }
}
