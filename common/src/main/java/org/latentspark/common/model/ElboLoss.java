package org.latentspark.common.model;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.likelihood.Likelihood;
import org.latentspark.common.model.likelihood.Likelihoods;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The negative ELBO as a DL4J loss function: −log p(x|z) + w·KL(q(z|x) ‖ p(z)) per example, with its gradient in
 * closed form (each likelihood's and the prior's), so that a native loss layer ({@link ElboLossLayer}) trains on it
 * without a SameDiff session per step. The prior p(z) is N(0, I) unless a diagonal {@link GaussianPrior} is given (ProdLDA's
 * Laplace approximation of a Dirichlet, for instance). DL4J divides the summed loss and gradient by the minibatch.
 *
 * <p>Input: the merge of the decoder output [n, k·d] and the posterior statistics [μ, log σ²] [n, 2z].
 * Labels: the data [n, d] followed by one column holding each example's KL weight w (β times the warm-up factor
 * of the current epoch), so that the weight can change per epoch without rebuilding the network.
 * The layer's activations are its input, unchanged, so that inference can read the decoder output and statistics.
 */
public class ElboLoss implements ILossFunction {
    private int features;
    private int latentDim;
    private String likelihood;
    private double gaussianSigma;
    /** The prior's mean and variance per latent dimension; both null for the standard normal. */
    private double[] priorMean;
    private double[] priorVariance;

    /** For JSON deserialization of the network configuration. */
    public ElboLoss() {
    }

    public ElboLoss(int features, int latentDim, String likelihood, double gaussianSigma) {
        this.features = features;
        this.latentDim = latentDim;
        this.likelihood = likelihood;
        this.gaussianSigma = gaussianSigma;
    }

    /** A loss with a diagonal Gaussian prior of dimension latentDim. */
    public ElboLoss(int features, int latentDim, String likelihood, double gaussianSigma, GaussianPrior prior) {
        this(features, latentDim, likelihood, gaussianSigma);
        if (prior.dim() != latentDim) {
            throw new IllegalArgumentException("prior of dimension " + prior.dim() + " for a latent of " + latentDim);
        }
        if (!prior.isStandardNormal()) {
            this.priorMean = prior.mean();
            this.priorVariance = prior.variance();
        }
    }

    /** DL4J's loss layer scoring with this loss. */
    public ElboLossLayer layer() {
        return new ElboLossLayer(this);
    }

    /** The ELBO loss of a VAE graph: the loss function of its layer named {@link VaeGraphNodes#LOSS}. */
    public static ElboLoss of(ComputationGraph graph) {
        return of(graph.getConfiguration());
    }

    /** The ELBO loss of a VAE graph's configuration. */
    public static ElboLoss of(ComputationGraphConfiguration graph) {
        Layer layer = ((LayerVertex) graph.getVertices().get(VaeGraphNodes.LOSS)).getLayerConf().getLayer();
        return (ElboLoss) ((LossLayer) layer).getLossFn();
    }

    /** The prior the KL term is taken against. */
    public GaussianPrior prior() {
        return priorMean == null ? GaussianPrior.standardNormal(latentDim) : new GaussianPrior(priorMean, priorVariance);
    }

    /** The likelihood this loss scores with. */
    public Likelihood likelihood() {
        return Likelihoods.byName(likelihood, gaussianSigma);
    }

    /** Decoder outputs in the layer input: paramsPerFeature × features. */
    public int decoderWidth() {
        return likelihood().paramsPerFeature() * features;
    }

    private static INDArray columns(INDArray a, long from, long count) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count));
    }

    /** Views of the loss input's (or its gradient's) three parts: decoder output, μ, log σ². */
    private INDArray[] parts(INDArray input) {
        int width = decoderWidth();
        return new INDArray[] {columns(input, 0, width), columns(input, width, latentDim),
            columns(input, width + latentDim, latentDim)};
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray input, IActivation activation, INDArray mask) {
        INDArray[] p = parts(input);
        INDArray kl = prior().klPerDim(p[1], p[2]).sum(1);
        return likelihood().negLogLikelihood(p[0], columns(labels, 0, features))
                .addi(kl.muli(labels.getColumn(features))).reshape(input.size(0), 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray input, IActivation activation, INDArray mask,
                               boolean average) {
        INDArray[] p = parts(input);
        double sum = likelihood().totalNegLogLikelihood(p[0], columns(labels, 0, features))
                + weightedKl(labels, p);
        return average ? sum / input.size(0) : sum;
    }

    /** Σ_i w_i·KL_i: z-wide, so cheap beside the likelihood. */
    private double weightedKl(INDArray labels, INDArray[] p) {
        INDArray kl = prior().klPerDim(p[1], p[2]).sum(1);
        return kl.muli(labels.getColumn(features)).sumNumber().doubleValue();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray input, IActivation activation, INDArray mask) {
        INDArray gradient = Nd4j.createUninitialized(input.dataType(), input.shape());
        INDArray[] g = parts(gradient);
        INDArray[] p = parts(input);
        likelihood().gradient(p[0], columns(labels, 0, features), g[0]);
        klGradient(labels, p, g);
        return gradient;
    }

    private void klGradient(INDArray labels, INDArray[] p, INDArray[] g) {
        INDArray klWeight = columns(labels, features, 1);
        INDArray[] kl = prior().klGradient(p[1], p[2]);
        g[1].assign(kl[0].muliColumnVector(klWeight));
        g[2].assign(kl[1].muliColumnVector(klWeight));
    }

    /** Both in one pass of the likelihood's ({@link Likelihood#gradientAndTotal}): what each training step asks. */
    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray input, IActivation activation,
                                                        INDArray mask, boolean average) {
        INDArray gradient = Nd4j.createUninitialized(input.dataType(), input.shape());
        INDArray[] g = parts(gradient);
        INDArray[] p = parts(input);
        double sum = likelihood().gradientAndTotal(p[0], columns(labels, 0, features), g[0]) + weightedKl(labels, p);
        klGradient(labels, p, g);
        return new Pair<>(average ? sum / input.size(0) : sum, gradient);
    }

    @Override
    public String name() {
        return "ElboLoss(" + likelihood + ", z=" + latentDim + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElboLoss e && features == e.features && latentDim == e.latentDim
                && Objects.equals(likelihood, e.likelihood) && gaussianSigma == e.gaussianSigma
                && Arrays.equals(priorMean, e.priorMean) && Arrays.equals(priorVariance, e.priorVariance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, latentDim, likelihood, gaussianSigma, Arrays.hashCode(priorMean),
                Arrays.hashCode(priorVariance));
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
