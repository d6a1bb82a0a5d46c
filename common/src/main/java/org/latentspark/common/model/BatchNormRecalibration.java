package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Re-estimates the running mean and variance that a graph's batch norm layers use at inference, as the
 * population statistics of their inputs over given data ("precise BatchNorm", Wu &amp; Johnson 2021). DL4J updates
 * these statistics as if they were gradients; under gradient sharing (SharedTrainingMaster) those updates are
 * threshold-encoded like the real ones, and the running statistics drift: a ProdLDA graph whose training loss
 * fell scored ever worse in inference mode. Recalibrating on a sample of training data after each epoch restores
 * them. The word logits' batch norm inside {@link TopicWordLayer} is recalibrated too. Layers are done in
 * topological order, each from activations computed with the earlier ones already recalibrated, in inference mode
 * (no dropout).
 */
public final class BatchNormRecalibration {
    /** Keeps the stored log10 standard deviation finite for a feature that is constant over the sample. */
    private static final double MIN_VARIANCE = 1e-12;

    private BatchNormRecalibration() {
    }

    /**
     * @param graph  a graph whose batch norm layers act on [n, features] activations; changed in place
     * @param inputs the graph's inputs for the sample, e.g. {x, eps} with eps drawn as in training
     * @return the number of batch norm layers recalibrated
     */
    public static int recalibrate(ComputationGraph graph, INDArray[] inputs) {
        int done = 0;
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            var conf = graph.getConfiguration().getVertices().get(vertex.getVertexName());
            if (!(conf instanceof LayerVertex layerVertex)) {
                continue;
            }
            if (vertex.getLayer() instanceof TopicWord topicWord) {
                done += topicWord.recalibrate(inputOf(graph, vertex, inputs)) ? 1 : 0;
                continue;
            }
            if (!(layerVertex.getLayerConf().getLayer() instanceof BatchNormalization batchNorm)) {
                continue;
            }
            INDArray input = inputOf(graph, vertex, inputs);
            if (input.rank() != 2) {
                throw new IllegalArgumentException("batch norm layer '" + vertex.getVertexName()
                        + "' has input of rank " + input.rank() + "; recalibration handles [n, features] only");
            }
            INDArray mean = vertex.getLayer().getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            mean.assign(input.mean(0).reshape(mean.shape()));
            INDArray variance = input.var(false, 0);
            if (batchNorm.isUseLogStd()) {
                // DL4J's default: it stores log10 √variance and normalizes by √(variance + ε) at inference.
                INDArray logStd = vertex.getLayer().getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                INDArray floored = Transforms.max(variance, MIN_VARIANCE, false);
                logStd.assign(Transforms.log(floored, 10, false).muli(0.5).reshape(logStd.shape()));
            } else {
                INDArray stored = vertex.getLayer().getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
                stored.assign(variance.reshape(stored.shape()));
            }
            done++;
        }
        return done;
    }

    /** A vertex's input on the sample, in inference mode, with the layers before it as they are now. */
    private static INDArray inputOf(ComputationGraph graph, GraphVertex vertex, INDArray[] inputs) {
        String inputName = graph.getConfiguration().getVertexInputs().get(vertex.getVertexName()).get(0);
        return graph.feedForward(inputs, false).get(inputName);
    }
}
