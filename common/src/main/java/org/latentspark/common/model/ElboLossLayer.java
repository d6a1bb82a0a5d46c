package org.latentspark.common.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffOutputLayer;
import org.latentspark.common.model.likelihood.Likelihood;
import org.latentspark.common.model.likelihood.Likelihoods;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The negative ELBO as DL4J's output layer: −log p(x|z) + w·KL(q(z|x) ‖ N(0, I)), summed over the minibatch
 * (DL4J divides an output layer's loss by the minibatch size).
 *
 * <p>Input: the merge of the decoder output [n, k·d] and the posterior statistics [μ, log σ²] [n, 2z].
 * Labels: the data [n, d] followed by one column holding each example's KL weight w (β times the warm-up factor
 * of the current epoch), so that the weight can change per epoch without rebuilding the network.
 * Activations: the input, unchanged, so that inference can read the decoder output and the statistics.
 */
public class ElboLossLayer extends SameDiffOutputLayer {
    private int features;
    private int latentDim;
    private String likelihood;
    private double gaussianSigma;

    /** For JSON deserialization of the network configuration. */
    public ElboLossLayer() {
    }

    public ElboLossLayer(int features, int latentDim, String likelihood, double gaussianSigma) {
        this.features = features;
        this.latentDim = latentDim;
        this.likelihood = likelihood;
        this.gaussianSigma = gaussianSigma;
    }

    /** The likelihood this layer scores with. */
    public Likelihood likelihood() {
        return Likelihoods.byName(likelihood, gaussianSigma);
    }

    /** Decoder outputs in the layer input: paramsPerFeature × features. */
    public int decoderWidth() {
        return likelihood().paramsPerFeature() * features;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        int decoderWidth = decoderWidth();
        SDVariable decoded = input.get(SDIndex.all(), SDIndex.interval(0, decoderWidth));
        SDVariable mu = input.get(SDIndex.all(), SDIndex.interval(decoderWidth, decoderWidth + latentDim));
        SDVariable logVar = input.get(SDIndex.all(),
                SDIndex.interval(decoderWidth + latentDim, decoderWidth + 2 * latentDim));
        SDVariable x = labels.get(SDIndex.all(), SDIndex.interval(0, features));
        SDVariable klWeight = labels.get(SDIndex.all(), SDIndex.point(features));

        SDVariable nll = likelihood().negLogLikelihood(sd, decoded, x);
        SDVariable kl = mu.mul(mu).add(sd.math().exp(logVar)).sub(logVar).sub(1.0).sum(1).mul(0.5);
        SDVariable loss = nll.add(kl.mul(klWeight)).sum();
        sd.setLossVariables(loss);
        return loss;
    }

    /** DL4J returns the layer input itself as the activations when this names "input". */
    @Override
    public String activationsVertexName() {
        return "input";
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // No trainable parameters: this layer only scores.
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Nothing to initialize.
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(decoderWidth() + 2L * latentDim);
    }

    public int getFeatures() {
        return features;
    }

    public void setFeatures(int features) {
        this.features = features;
    }

    public int getLatentDim() {
        return latentDim;
    }

    public void setLatentDim(int latentDim) {
        this.latentDim = latentDim;
    }

    public String getLikelihood() {
        return likelihood;
    }

    public void setLikelihood(String likelihood) {
        this.likelihood = likelihood;
    }

    public double getGaussianSigma() {
        return gaussianSigma;
    }

    public void setGaussianSigma(double gaussianSigma) {
        this.gaussianSigma = gaussianSigma;
    }
}
