package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reparameterization trick (Kingma & Welling 2014): z = μ + exp(½·log σ²)·ε. Its input is the merge of the
 * posterior statistics [μ, log σ²] and the noise ε, which the data pipeline draws per example and epoch from the
 * run's seed, so that training is reproducible and resumable. A layer after a MergeVertex (rather than a
 * multi-input lambda vertex) is what trains under both DL4J Spark trainers.
 */
public class ReparameterizationLayer extends SameDiffLambdaLayer {
    private int latentDim;

    /** For JSON deserialization of the network configuration. */
    public ReparameterizationLayer() {
    }

    public ReparameterizationLayer(int latentDim) {
        this.latentDim = latentDim;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable statsAndNoise) {
        // slice rather than strided_slice (get with SDIndex): the latter's backprop fails on a minibatch of one.
        SDVariable mu = sd.slice(statsAndNoise, new int[] {0, 0}, -1, latentDim);
        SDVariable logVar = sd.slice(statsAndNoise, new int[] {0, latentDim}, -1, latentDim);
        SDVariable eps = sd.slice(statsAndNoise, new int[] {0, 2 * latentDim}, -1, latentDim);
        return mu.add(sd.math().exp(logVar.mul(0.5)).mul(eps));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return HalvedSameDiffGradients.instantiate(this, conf, listeners, index, paramsView, initializeParams, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(latentDim);
    }

    public int getLatentDim() {
        return latentDim;
    }

    public void setLatentDim(int latentDim) {
        this.latentDim = latentDim;
    }
}
