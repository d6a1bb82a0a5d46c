package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J 1.0.0-M2.1's SameDiff layer backpropagates twice the true gradient: its parameters' gradients and the
 * error it passes to the layers below are both 2× what finite differences give (GeneratorGruLayerTest,
 * GraphGradientTest), so every layer under one saw its reconstruction gradient doubled against the KL term's
 * (LFADS's encoder, under two such layers, 4×). This runtime layer halves both; our SameDiff layer
 * configurations instantiate it.
 */
final class HalvedSameDiffGradients extends SameDiffLayer {
    private HalvedSameDiffGradients(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What DL4J's SameDiffLayer configuration does in instantiate, with this runtime layer. */
    static Layer instantiate(AbstractSameDiffLayer layer, NeuralNetConfiguration conf,
                             Collection<TrainingListener> listeners, int index, INDArray paramsView,
                             boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new HalvedSameDiffGradients(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, layer.initializer());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> out = super.backpropGradient(epsilon, workspaceMgr);
        for (INDArray gradient : out.getFirst().gradientForVariable().values()) {
            gradient.muli(0.5);
        }
        if (out.getSecond() != null) {
            out.getSecond().muli(0.5);
        }
        return out;
    }
}
