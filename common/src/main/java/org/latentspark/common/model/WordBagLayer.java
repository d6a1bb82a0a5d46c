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
    /** {@link #weightLayout} of the layers this version writes: W [V, H] in row order ({@link WordBagParams}). */
    static final int ROW_ORDER_WEIGHTS = 1;
    /**
     * How W lies in the parameters, saved with the configuration. A model saved before row order (this field then
     * absent, 0) holds W in DL4J's column order, which this layer would read as a scrambled W: refused on load.
     */
    private int weightLayout;

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
        weightLayout = ROW_ORDER_WEIGHTS;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        if (weightLayout != ROW_ORDER_WEIGHTS) {
            throw new IllegalStateException("word-bag layer " + getLayerName() + " was saved by a latentspark "
                    + "before its weights were laid out in row order (weight layout " + weightLayout + ", this "
                    + "version reads " + ROW_ORDER_WEIGHTS + "): its weights would load scrambled. Train the model "
                    + "again with this version");
        }
        return LayerWiring.wire(new WordBag(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }

    /** For the configuration's JSON (DL4J serializes layers through their getters and setters). */
    public int getWeightLayout() {
        return weightLayout;
    }

    public void setWeightLayout(int weightLayout) {
        this.weightLayout = weightLayout;
    }

    @Override
    public ParamInitializer initializer() {
        return WordBagParams.INSTANCE;
    }
}
