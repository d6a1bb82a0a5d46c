package org.latentspark.common.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * LFADS's generator without the controller (Sussillo et al. 2016; Pandarinath et al. 2018): a GRU (Cho et al. 2014)
 * that receives no input and starts from a linear map of the initial condition g0, so that each trial's trajectory
 * is the autonomous evolution of its own g0. Per step, with state h:
 * <pre>
 *   u = σ(h·W_u + b_u),  r = σ(h·W_r + b_r),  c = tanh((r ⊙ h)·W_c + b_c),  h ← u ⊙ h + (1 − u) ⊙ c
 * </pre>
 * from h = g0·W_0 + b_0. Input g0 [n, g]; output the state after each of the steps, [n, units, steps] (DL4J's NCW).
 *
 * <p>DL4J's recurrent layers take their initial state from no other vertex, so this layer runs the recurrence itself
 * ({@link GeneratorGru}: two matrix products a step forward and back, the rest in plain loops). Its SameDiff form
 * cost a session op per step and gate, which made the generator most of an LFADS step's time; libnd4j's fused
 * {@code gru} op gives wrong gradients in 1.0.0-M2.1.
 */
public class GeneratorGruLayer extends GruLayer {
    // No underscores in parameter names: DL4J splits gradient keys "layer_param" at the last one.
    static final String INITIAL_WEIGHTS = "W0";
    static final String INITIAL_BIAS = "b0";
    /** Update gate then reset gate, side by side: one product per step for both. */
    static final String GATE_WEIGHTS = "Wur";
    static final String GATE_BIAS = "bur";
    static final String CANDIDATE_WEIGHTS = "Wc";
    static final String CANDIDATE_BIAS = "bc";
    private int steps;

    /** For JSON deserialization of the network configuration. */
    public GeneratorGruLayer() {
    }

    /**
     * @param initialConditionSize size of g0
     * @param units                GRU state size
     * @param steps                time steps generated
     */
    public GeneratorGruLayer(int initialConditionSize, int units, int steps) {
        setNIn(initialConditionSize);
        setNOut(units);
        this.steps = steps;
    }

    @Override
    Layer runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new GeneratorGru(conf, dataType);
    }

    /** Its parameters, in the order and layout its SameDiff form had. */
    @Override
    List<GruParams.Param> layout() {
        long g = getNIn();
        long u = getNOut();
        return List.of(GruParams.Param.weight(INITIAL_WEIGHTS, g, u), GruParams.Param.bias(INITIAL_BIAS, u, 0),
                GruParams.Param.weight(GATE_WEIGHTS, u, 2 * u), GruParams.Param.bias(GATE_BIAS, 2 * u, u),
                GruParams.Param.weight(CANDIDATE_WEIGHTS, u, u), GruParams.Param.bias(CANDIDATE_BIAS, u, 0));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(getNOut(), steps);
    }

    public int getSteps() {
        return steps;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }
}
