package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Turns a vector per example [n, d] into a constant sequence [n, d, steps] (DL4J's NCW layout), the input that
 * drives {@link SequentialVaeGraph}'s generator. Unlike DL4J's DuplicateToTimeSeriesVertex it needs no graph input
 * to copy the sequence length from, so the generator can run past the observed bins.
 */
public class RepeatOverTimeLayer extends SameDiffLambdaLayer {
    private int size;
    private int steps;

    /** For JSON deserialization of the network configuration. */
    public RepeatOverTimeLayer() {
    }

    public RepeatOverTimeLayer(int size, int steps) {
        this.size = size;
        this.steps = steps;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input) {
        return sd.tile(sd.expandDims(input, 2), 1, 1, steps);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(size, steps);
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int getSteps() {
        return steps;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }
}
