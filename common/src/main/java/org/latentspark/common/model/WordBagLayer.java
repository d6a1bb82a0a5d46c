package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer over a bag of words, fed documents as {@link WordBagInput} (indices and weights) rather than
 * V-wide rows: activation(Σ_w x_w·W[w] + b), an embedding bag. It gives what DL4J's dense layer gives on the dense
 * counts, at the cost of each document's own words instead of the whole vocabulary, forward and back, and with no
 * gradient for its input (the data). Parameters as DL4J's dense layer's: W [V, H] and b [1, H].
 */
public class WordBagLayer extends NativeFeedForwardLayer {
    /** Word indices travel as floats, which hold every integer up to 2^24 exactly. */
    static final int MAX_VOCABULARY = 1 << 24;

    /** For JSON deserialization of the network configuration. */
    public WordBagLayer() {
    }

    public WordBagLayer(int vocabulary, int units, Activation activation) {
        if (vocabulary > MAX_VOCABULARY) {
            throw new IllegalArgumentException("a vocabulary of " + vocabulary + " words is over the "
                    + MAX_VOCABULARY + " that word indices in float inputs hold");
        }
        setNIn(vocabulary);
        setNOut(units);
        setActivationFn(activation.getActivationFunction());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new WordBag(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return WordBagParams.INSTANCE;
    }
}
