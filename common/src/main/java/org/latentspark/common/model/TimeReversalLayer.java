package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reverses sequences [n, c, T] in time, so that an LSTM reading the result is the backward half of a
 * bidirectional encoder and its last step has seen the whole sequence. One op, where DL4J's
 * ReverseTimeSeriesVertex copies one example and step at a time.
 */
public class TimeReversalLayer extends SameDiffLambdaLayer {

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input) {
        return sd.reverse(input, 2);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return HalvedSameDiffGradients.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }
}
