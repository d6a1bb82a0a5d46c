package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's loss layer with the {@link ElboLoss}, whose runtime ({@link ElboLossOutput}) computes the loss and its
 * gradient in one pass instead of DL4J's two.
 */
public class ElboLossLayer extends LossLayer {
    /** For JSON deserialization of the network configuration. */
    public ElboLossLayer() {
    }

    public ElboLossLayer(ElboLoss loss) {
        super(new LossLayer.Builder().lossFunction(loss).activation(Activation.IDENTITY));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new ElboLossOutput(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }
}
