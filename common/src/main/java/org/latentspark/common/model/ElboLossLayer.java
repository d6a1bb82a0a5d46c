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
 * The negative ELBO as DL4J's output layer: −log p(x|z) + w·KL(q(z|x) ‖ p(z)), summed over the minibatch
 * (DL4J divides an output layer's loss by the minibatch size). The prior p(z) is N(0, I) unless a diagonal
 * {@link GaussianPrior} is given (ProdLDA's Laplace approximation of a Dirichlet, for instance).
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
    /** The prior's mean and variance per latent dimension; both null for the standard normal. */
    private double[] priorMean;
    private double[] priorVariance;

    /** For JSON deserialization of the network configuration. */
    public ElboLossLayer() {
    }

    public ElboLossLayer(int features, int latentDim, String likelihood, double gaussianSigma) {
        this.features = features;
        this.latentDim = latentDim;
        this.likelihood = likelihood;
        this.gaussianSigma = gaussianSigma;
    }

    /** A loss with a diagonal Gaussian prior of dimension latentDim. */
    public ElboLossLayer(int features, int latentDim, String likelihood, double gaussianSigma, GaussianPrior prior) {
        this(features, latentDim, likelihood, gaussianSigma);
        if (prior.dim() != latentDim) {
            throw new IllegalArgumentException("prior of dimension " + prior.dim() + " for a latent of " + latentDim);
        }
        if (!prior.isStandardNormal()) {
            this.priorMean = prior.mean();
            this.priorVariance = prior.variance();
        }
    }

    /** The prior the KL term is taken against. */
    public GaussianPrior prior() {
        return priorMean == null ? GaussianPrior.standardNormal(latentDim) : new GaussianPrior(priorMean, priorVariance);
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
        // slice rather than strided_slice (get with SDIndex): the latter's backprop fails on a minibatch of one.
        SDVariable decoded = sd.slice(input, new int[] {0, 0}, -1, decoderWidth);
        SDVariable mu = sd.slice(input, new int[] {0, decoderWidth}, -1, latentDim);
        SDVariable logVar = sd.slice(input, new int[] {0, decoderWidth + latentDim}, -1, latentDim);
        SDVariable x = labels.get(SDIndex.all(), SDIndex.interval(0, features));
        SDVariable klWeight = labels.get(SDIndex.all(), SDIndex.point(features));

        SDVariable nll = likelihood().negLogLikelihood(sd, decoded, x);
        SDVariable kl = prior().kl(sd, mu, logVar);
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

    public double[] getPriorMean() {
        return priorMean;
    }

    public void setPriorMean(double[] priorMean) {
        this.priorMean = priorMean;
    }

    public double[] getPriorVariance() {
        return priorVariance;
    }

    public void setPriorVariance(double[] priorVariance) {
        this.priorVariance = priorVariance;
    }
}
