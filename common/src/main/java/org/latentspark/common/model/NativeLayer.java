package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;

/** What our layer implementations with parameters share: no pretraining, and gradients in DL4J's views. */
abstract class NativeLayer<T extends org.deeplearning4j.nn.conf.layers.BaseLayer> extends BaseLayer<T> {
    NativeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The gradient of every parameter, as the backward pass has written it into the gradient views. */
    protected Gradient viewGradient() {
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        return gradient;
    }
}
