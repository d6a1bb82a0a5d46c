package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The runtime of {@link ReparameterizationLayer}: from input [μ, log σ², ε] ([n, 3z]) it returns z = μ + σ·ε, and
 * backpropagates ∂z/∂μ = 1, ∂z/∂log σ² = ½·σ·ε and ∂z/∂ε = σ in closed form.
 */
final class Reparameterization extends AbstractLayer<ReparameterizationLayer> {
    Reparameterization(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private INDArray part(int index) {
        long z = layerConf().getLatentDim();
        return input.get(NDArrayIndex.all(), NDArrayIndex.interval(index * z, (index + 1) * z));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.size(0),
                layerConf().getLatentDim());
        out.assign(Transforms.exp(part(1).mul(0.5), false).muli(part(2)).addi(part(0)));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long z = layerConf().getLatentDim();
        INDArray sigma = Transforms.exp(part(1).mul(0.5), false);
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.size(0), 3 * z);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, z)).assign(epsilon);
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(z, 2 * z))
                .assign(epsilon.mul(sigma).muli(part(2)).muli(0.5));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * z, 3 * z)).assign(epsilon.mul(sigma));
        return new Pair<>(new DefaultGradient(), gradient);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // No parameters, no weight noise.
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray params() {
        return null;
    }
}
