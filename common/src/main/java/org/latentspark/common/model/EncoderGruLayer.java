package org.latentspark.common.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * LFADS's initial-condition encoder: a bidirectional GRU over the input sequence [n, features, T] (DL4J's NCW)
 * whose two final states, the forward one after the last step and the backward one after the first, are the
 * output, side by side, [n, 2·units]. Each direction starts from zero and has its own input weights W_x
 * [features, 3·units] (update, reset, candidate), recurrent weights W_h [units, 2·units] (gates) and W_c
 * [units, units] (candidate) and bias [1, 3·units]. Runs {@link GruRecurrence}; DL4J's own recurrent layers
 * loop over time steps in many more, smaller ops.
 */
public class EncoderGruLayer extends GruLayer {
    static final String[] DIRECTIONS = {"f", "b"};
    // No underscores in parameter names: DL4J splits gradient keys "layer_param" at the last one.
    static final String INPUT_WEIGHTS = "Wx";
    static final String GATE_WEIGHTS = "Wh";
    static final String CANDIDATE_WEIGHTS = "Wc";
    static final String BIAS = "b";

    /** Whether backward gives the gradient for the input; not for a layer fed the network's data. */
    private boolean inputGradient = true;

    /** For JSON deserialization of the network configuration. */
    public EncoderGruLayer() {
    }

    /** @param units each direction's state size; the output has twice as many */
    public EncoderGruLayer(int units) {
        setNOut(2L * units);
    }

    /** The same layer, giving no gradient for its input (null): for a layer whose input is the network's data. */
    public EncoderGruLayer withoutInputGradient() {
        inputGradient = false;
        return this;
    }

    public boolean isInputGradient() {
        return inputGradient;
    }

    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    int getUnits() {
        return (int) (getNOut() / 2);
    }

    @Override
    Layer runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new EncoderGru(conf, dataType);
    }

    @Override
    List<GruParams.Param> layout() {
        long x = getNIn();
        long u = getUnits();
        List<GruParams.Param> params = new ArrayList<>();
        for (String direction : DIRECTIONS) {
            params.add(GruParams.Param.weight(direction + INPUT_WEIGHTS, x, 3 * u));
            params.add(GruParams.Param.weight(direction + GATE_WEIGHTS, u, 2 * u));
            params.add(GruParams.Param.weight(direction + CANDIDATE_WEIGHTS, u, u));
            params.add(GruParams.Param.bias(direction + BIAS, 3 * u, u));
        }
        return params;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (override || nIn <= 0) {
            nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
        }
    }
}
