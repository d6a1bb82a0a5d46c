package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/** {@link CachingDenseLayer}'s computation. */
final class CachingDense extends NativeLayer<CachingDenseLayer> {
    /**
     * From the last training pass: the output, and the pre-activation where the activation's derivative does not
     * follow from the output (identity: 1; ReLU: output > 0). Both live in the training pass's activations
     * workspace, which DL4J keeps open until the backward pass is done.
     */
    private INDArray output;
    private INDArray preActivation;

    CachingDense(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = input.castTo(dataType);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new IllegalArgumentException("layer " + layerId() + " takes [n, " + w.size(0) + "] inputs, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {x.size(0),
                w.size(1)}, 'c');
        DirectGemm.gemm(x, w, z, false, false, 1.0, 0.0);
        z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        IActivation activation = layerConf().getActivationFn();
        preActivation = training && !derivativeFromOutput(activation) ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z)
                : null;
        INDArray out = activation.getActivation(z, training);
        output = training ? out : null;
        return out;
    }

    private static boolean derivativeFromOutput(IActivation activation) {
        return isIdentity(activation) || activation.equals(Activation.RELU.getActivationFunction());
    }

    private static boolean isIdentity(IActivation activation) {
        return activation.equals(Activation.IDENTITY.getActivationFunction());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            throw new IllegalStateException("layer " + layerId() + ": backpropagation needs a training pass first");
        }
        IActivation activation = layerConf().getActivationFn();
        INDArray delta;
        if (isIdentity(activation)) {
            delta = epsilon;
        } else if (preActivation == null) {
            // ReLU: its derivative is 1 where the output is positive, 0 elsewhere.
            delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, epsilon.shape(), 'c');
            Nd4j.exec(new ThresholdReluBp(output, epsilon, delta, 0.0));
        } else {
            delta = activation.backprop(preActivation, epsilon).getFirst();
        }
        INDArray x = input.castTo(dataType);
        DirectGemm.gemm(x, delta, gradientViews.get(DefaultParamInitializer.WEIGHT_KEY), true, false, 1.0, 0.0);
        delta.sum(gradientViews.get(DefaultParamInitializer.BIAS_KEY), 0);
        Gradient gradient = viewGradient();
        if (!layerConf().isInputGradient()) {
            return new Pair<>(gradient, null);
        }
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(),
                'c');
        DirectGemm.gemm(delta, getParam(DefaultParamInitializer.WEIGHT_KEY), inputGradient, false, true, 1.0, 0.0);
        return new Pair<>(gradient, inputGradient);
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
        preActivation = null;
    }
}
