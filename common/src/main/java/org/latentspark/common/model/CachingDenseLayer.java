package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer, activation(x·W + b), with the same parameters and initialization, but a backward pass that
 * reuses the forward pass instead of computing x·W + b again, as DL4J's {@code BaseLayer.backpropGradient} does (a
 * third more matrix products per step in a dense VAE, which DL4J's own VAE layer does not spend), and, for a layer
 * fed the network's data, no gradient for its input (the data needs none: another of the largest products).
 */
public class CachingDenseLayer extends FeedForwardLayer {
    private boolean inputGradient = true;

    /** For JSON deserialization of the network configuration. */
    public CachingDenseLayer() {
    }

    public CachingDenseLayer(int units, Activation activation) {
        setNOut(units);
        setActivationFn(activation.getActivationFunction());
    }

    /** The same layer, giving no gradient for its input: for a layer whose input is the network's data. */
    public CachingDenseLayer withoutInputGradient() {
        inputGradient = false;
        return this;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new CachingDense(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }

    /** DL4J's dense layer's report: the same parameters and activations. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new DenseLayer.Builder().nIn(getNIn()).nOut(getNOut()).build().getMemoryReport(inputType);
    }

    @Override
    public ParamInitializer initializer() {
        return DefaultParamInitializer.getInstance();
    }

    public boolean isInputGradient() {
        return inputGradient;
    }

    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }
}
