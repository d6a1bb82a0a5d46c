package org.latentspark.jobs.modality;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.latentspark.jobs.spark.GpuBinding;

/** The byte form a model is stored in and travels to executors in: DL4J's model zip. */
public final class ModelCodec {
    private ModelCodec() {
    }

    public static byte[] toBytes(ComputationGraph network, boolean withUpdater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, withUpdater);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The model, in a task bound to its GPU first (when Spark assigned one) so that ND4J allocates there. */
    public static ComputationGraph fromBytes(byte[] bytes) {
        GpuBinding.bindCurrentTask();
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model", e);
        }
    }
}
