package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.LossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link ElboLossLayer}. DL4J asks an output layer for its gradient and then, with the same input
 * and labels, for its score; element-wise passes over the decoder's output are most of what the loss costs, so the
 * gradient pass computes the score too and keeps it for that second call.
 */
final class ElboLossOutput extends LossLayer {
    private Double scoreOfLastGradient;

    ElboLossOutput(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Double, INDArray> scoreAndGradient = layerConf().getLossFn().computeGradientAndScore(getLabels2d(),
                input, layerConf().getActivationFn(), maskArray, false);
        scoreOfLastGradient = scoreAndGradient.getFirst();
        return new Pair<>(new DefaultGradient(),
                workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, scoreAndGradient.getSecond()));
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (scoreOfLastGradient == null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        score = scoreOfLastGradient / getInputMiniBatchSize() + fullNetRegTerm;
        return score;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        scoreOfLastGradient = null;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        scoreOfLastGradient = null;
        super.setLabels(labels);
    }
}
