package org.latentspark.common.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LFADS's generator without the controller (Sussillo et al. 2016; Pandarinath et al. 2018): a GRU (Cho et al. 2014)
 * that receives no input and starts from a linear map of the initial condition g0, so that each trial's trajectory
 * is the autonomous evolution of its own g0. Per step, with state h:
 * <pre>
 *   u = σ(h·W_u + b_u),  r = σ(h·W_r + b_r),  c = tanh((r ⊙ h)·W_c + b_c),  h ← u ⊙ h + (1 − u) ⊙ c
 * </pre>
 * from h = g0·W_0 + b_0. Input g0 [n, g]; output the state after each of the steps, [n, units, steps] (DL4J's NCW).
 *
 * <p>DL4J's recurrent layers take their initial state from no other vertex, so the GRU is unrolled here in
 * SameDiff (libnd4j's fused {@code gru} op gives wrong gradients in 1.0.0-M2.1). As in LFADS, weights start
 * N(0, 1/fan-in) and the update gate's bias at 1, so that the state is mostly kept at first.
 */
public class GeneratorGruLayer extends SameDiffLayer {
    // No underscores in parameter names: DL4J splits gradient keys "layer_param" at the last one.
    static final String INITIAL_WEIGHTS = "W0";
    static final String INITIAL_BIAS = "b0";
    /** Update gate then reset gate, side by side: one product per step for both. */
    static final String GATE_WEIGHTS = "Wur";
    static final String GATE_BIAS = "bur";
    static final String CANDIDATE_WEIGHTS = "Wc";
    static final String CANDIDATE_BIAS = "bc";
    /** LFADS's initial update-gate bias ("forget bias"). */
    static final double UPDATE_BIAS = 1.0;

    private int initialConditionSize;
    private int units;
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
        this.initialConditionSize = initialConditionSize;
        this.units = units;
        this.steps = steps;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(INITIAL_WEIGHTS, initialConditionSize, units);
        params.addBiasParam(INITIAL_BIAS, 1, units);
        params.addWeightParam(GATE_WEIGHTS, units, 2L * units);
        params.addBiasParam(GATE_BIAS, 1, 2L * units);
        params.addWeightParam(CANDIDATE_WEIGHTS, units, units);
        params.addBiasParam(CANDIDATE_BIAS, 1, units);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        for (String weights : new String[] {INITIAL_WEIGHTS, GATE_WEIGHTS, CANDIDATE_WEIGHTS}) {
            INDArray w = params.get(weights);
            w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(1 / Math.sqrt(w.size(0))));
        }
        params.get(INITIAL_BIAS).assign(0);
        params.get(CANDIDATE_BIAS).assign(0);
        INDArray gates = params.get(GATE_BIAS);
        gates.assign(0);
        for (int j = 0; j < units; j++) {
            gates.putScalar(0, j, UPDATE_BIAS);
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable g0, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable h = g0.mmul(params.get(INITIAL_WEIGHTS)).add(params.get(INITIAL_BIAS));
        SDVariable[] states = new SDVariable[steps];
        for (int t = 0; t < steps; t++) {
            SDVariable gates = sd.nn().sigmoid(h.mmul(params.get(GATE_WEIGHTS)).add(params.get(GATE_BIAS)));
            // slice rather than strided_slice (get with SDIndex): the latter's backprop fails on a minibatch of one.
            SDVariable update = sd.slice(gates, new int[] {0, 0}, -1, units);
            SDVariable reset = sd.slice(gates, new int[] {0, units}, -1, units);
            SDVariable candidate = sd.math().tanh(reset.mul(h).mmul(params.get(CANDIDATE_WEIGHTS))
                    .add(params.get(CANDIDATE_BIAS)));
            h = candidate.add(update.mul(h.sub(candidate)));
            states[t] = h;
        }
        return sd.stack(2, states);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return HalvedSameDiffGradients.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(units, steps);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (override || initialConditionSize == 0) {
            initialConditionSize = (int) ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    public int getInitialConditionSize() {
        return initialConditionSize;
    }

    public void setInitialConditionSize(int initialConditionSize) {
        this.initialConditionSize = initialConditionSize;
    }

    public int getUnits() {
        return units;
    }

    public void setUnits(int units) {
        this.units = units;
    }

    public int getSteps() {
        return steps;
    }

    public void setSteps(int steps) {
        this.steps = steps;
    }
}
