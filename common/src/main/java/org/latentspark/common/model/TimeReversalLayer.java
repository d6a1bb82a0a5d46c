package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

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
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }
}
