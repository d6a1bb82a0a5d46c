package org.latentspark.common.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link GeneratorGruLayer}'s computation: h = g0·W_0 + b_0, then the input-free GRU recurrence
 * ({@link GruRecurrence}), whose states are the output.
 */
final class GeneratorGru extends GruRuntime<GeneratorGruLayer> {
    private GruRecurrence recurrence;
    private final GruRecurrences kept = new GruRecurrences(false);
    private INDArray initialCondition;

    GeneratorGru(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    INDArray forward(INDArray g0) {
        release(initialCondition);
        initialCondition = g0.dup('c');
        recurrence = kept.of(g0.dataType(), layerConf().getSteps(), g0.size(0), (int) layerConf().getNOut());
        recurrence.forward(temporary(initialCondition.mmul(getParam(GeneratorGruLayer.INITIAL_WEIGHTS)))
                        .addiRowVector(getParam(GeneratorGruLayer.INITIAL_BIAS)), false,
                getParam(GeneratorGruLayer.GATE_WEIGHTS), getParam(GeneratorGruLayer.GATE_BIAS),
                getParam(GeneratorGruLayer.CANDIDATE_WEIGHTS), getParam(GeneratorGruLayer.CANDIDATE_BIAS));
        return recurrence.outputs().permute(1, 2, 0);
    }

    @Override
    INDArray backward(INDArray epsilon) {
        INDArray perStep = temporary(epsilon.permute(2, 0, 1).dup('c'));
        INDArray dh = temporary(recurrence.backward(perStep, null, getParam(GeneratorGruLayer.GATE_WEIGHTS),
                getParam(GeneratorGruLayer.CANDIDATE_WEIGHTS)));
        Map<String, INDArray> views = gradientViews;
        recurrence.gateWeightGradient(views.get(GeneratorGruLayer.GATE_WEIGHTS));
        recurrence.candidateWeightGradient(views.get(GeneratorGruLayer.CANDIDATE_WEIGHTS));
        recurrence.biasGradients(views.get(GeneratorGruLayer.GATE_BIAS), views.get(GeneratorGruLayer.CANDIDATE_BIAS));
        DirectGemm.gemm(initialCondition, dh, views.get(GeneratorGruLayer.INITIAL_WEIGHTS), true, false, 1.0, 0.0);
        views.get(GeneratorGruLayer.INITIAL_BIAS).assign(temporary(dh.sum(true, 0)));
        INDArray initialWeights = getParam(GeneratorGruLayer.INITIAL_WEIGHTS);
        return DirectGemm.gemm(dh, initialWeights, temporary(Nd4j.create(dh.dataType(), dh.size(0),
                initialWeights.size(0))), false, true, 1.0, 0.0);
    }

    @Override
    public void clear() {
        super.clear();
        // DL4J clears a network's layers after each minibatch; the recurrences stay for the next one (see
        // GruRecurrences), what else the passes kept is freed now rather than by the garbage collector.
        release(initialCondition);
        initialCondition = null;
    }
}
