package org.latentspark.common.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GeneratorGruLayer}'s computation: h = g0·W_0 + b_0, then the input-free GRU recurrence
 * ({@link GruRecurrence}), whose states are the output. The recurrence is kept from the forward pass, outside DL4J's
 * workspaces, for the backward pass that follows it.
 */
final class GeneratorGru extends GruRuntime<GeneratorGruLayer> {
    private GruRecurrence recurrence;
    private INDArray initialCondition;

    GeneratorGru(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            initialCondition = input.dup('c');
            recurrence = new GruRecurrence(input.dataType(), layerConf().getSteps(), input.size(0),
                    (int) layerConf().getNOut());
            recurrence.forward(initialCondition.mmul(getParam(GeneratorGruLayer.INITIAL_WEIGHTS))
                            .addiRowVector(getParam(GeneratorGruLayer.INITIAL_BIAS)), null,
                    getParam(GeneratorGruLayer.GATE_WEIGHTS), getParam(GeneratorGruLayer.GATE_BIAS),
                    getParam(GeneratorGruLayer.CANDIDATE_WEIGHTS), getParam(GeneratorGruLayer.CANDIDATE_BIAS));
            out = recurrence.outputs().permute(1, 2, 0);
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out, 'c');
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray epsilonBelow;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray perStep = epsilon.permute(2, 0, 1).dup('c');
            INDArray dh = recurrence.backward(perStep, null, getParam(GeneratorGruLayer.GATE_WEIGHTS),
                    getParam(GeneratorGruLayer.CANDIDATE_WEIGHTS));
            Map<String, INDArray> views = gradientViews;
            views.get(GeneratorGruLayer.GATE_WEIGHTS).assign(recurrence.gateWeightGradient());
            views.get(GeneratorGruLayer.GATE_BIAS).assign(
                    GruRecurrence.rows(recurrence.gateGradients()).sum(true, 0));
            views.get(GeneratorGruLayer.CANDIDATE_WEIGHTS).assign(recurrence.candidateWeightGradient());
            views.get(GeneratorGruLayer.CANDIDATE_BIAS).assign(
                    GruRecurrence.rows(recurrence.candidateGradients()).sum(true, 0));
            views.get(GeneratorGruLayer.INITIAL_WEIGHTS).assign(initialCondition.transpose().mmul(dh));
            views.get(GeneratorGruLayer.INITIAL_BIAS).assign(dh.sum(true, 0));
            epsilonBelow = dh.mmul(getParam(GeneratorGruLayer.INITIAL_WEIGHTS).transpose());
        }
        return new Pair<>(parameterGradient(), workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilonBelow));
    }

    @Override
    public void clear() {
        super.clear();
        recurrence = null;
        initialCondition = null;
    }
}
