package org.latentspark.common.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.likelihood.Likelihood;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained VAE graph forward outside training: posterior statistics, the ELBO's terms per example, and the
 * importance-weighted bound. Works on plain ND4J arrays, so it runs the same on the driver and on executors.
 *
 * <p>Any graph with inputs (x, eps), a {@link ImageVaeGraph#DECODED_STATS} vertex and a {@link ElboLoss} in the layer named
 * {@link ImageVaeGraph#LOSS} qualifies: the image VAEs, {@link SequentialVaeGraph} and {@link TopicVaeGraph}. The
 * target is the data the likelihood scores; it is the input x itself except for models that predict more than they
 * see (LFADS scores held-out neurons and future bins).
 */
public final class VaeInference {
    private final ComputationGraph graph;
    private final ElboLoss loss;
    private final Likelihood likelihood;
    private final GaussianPrior prior;

    public VaeInference(ComputationGraph graph) {
        this.graph = graph;
        this.loss = ElboLoss.of(graph);
        this.likelihood = loss.likelihood();
        this.prior = loss.prior();
    }

    public int latentDim() {
        return loss.getLatentDim();
    }

    /** Width of the target the likelihood scores (per example). */
    public int features() {
        return loss.getFeatures();
    }

    public GaussianPrior prior() {
        return prior;
    }

    /** One forward pass with given noise. All arrays are [n, ·]; nll is [n]; klPerDim is against the prior. */
    public record Pass(INDArray zMean, INDArray zLogVar, INDArray nll, INDArray klPerDim) {
        public INDArray kl() {
            return klPerDim.sum(1);
        }
    }

    private record Raw(INDArray decoded, INDArray mu, INDArray logVar) {
    }

    private Raw run(INDArray x, INDArray eps) {
        INDArray merged = graph.feedForward(new INDArray[] {x, eps}, false).get(VaeGraphNodes.DECODED_STATS);
        int width = loss.decoderWidth();
        int z = latentDim();
        return new Raw(merged.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)),
                merged.get(NDArrayIndex.all(), NDArrayIndex.interval(width, width + z)).dup(),
                merged.get(NDArrayIndex.all(), NDArrayIndex.interval(width + z, width + 2 * z)).dup());
    }

    /** A pass that scores the input itself (autoencoders). */
    public Pass forward(INDArray x, INDArray eps) {
        return forward(x, eps, x);
    }

    /**
     * @param x      the model input, [n, ...]
     * @param eps    [n, z] noise
     * @param target [n, features] what the likelihood scores
     */
    public Pass forward(INDArray x, INDArray eps, INDArray target) {
        Raw raw = run(x, eps);
        return new Pass(raw.mu(), raw.logVar(), likelihood.negLogLikelihood(raw.decoded(), target),
                prior.klPerDim(raw.mu(), raw.logVar()));
    }

    /** The likelihood's mean given x with noise eps (zero noise: decoded from the posterior mean), [n, features]. */
    public INDArray decodedMean(INDArray x, INDArray eps) {
        return likelihood.mean(run(x, eps).decoded());
    }

    /**
     * Log importance weights log p(x, z_k) − log q(z_k | x) for k samples of each example (Burda et al. 2016).
     *
     * @param x   [n, d] examples
     * @param eps [n·k, z] standard normal noise, example-major (the k draws of example 0 first)
     * @return [n, k]
     */
    public INDArray logImportanceWeights(INDArray x, INDArray eps, int k) {
        return logImportanceWeights(x, eps, k, x);
    }

    /** As {@link #logImportanceWeights(INDArray, INDArray, int)}, scoring target [n, features] given input x. */
    public INDArray logImportanceWeights(INDArray x, INDArray eps, int k, INDArray target) {
        long n = x.size(0);
        // Each example k times in a row, to line up with the example-major noise.
        INDArray repeated = x.repeat(0, k);
        INDArray repeatedTarget = target == x ? repeated : target.repeat(0, k);
        Raw raw = run(repeated, eps);
        INDArray z = raw.mu().add(Transforms.exp(raw.logVar().mul(0.5), true).muli(eps));
        // log p(z) − log q(z|x), where log q(z|x) = −½Σε² − ½Σ log σ² (the 2π terms cancel).
        INDArray logPriorOverPosterior = prior.logDensityWithout2Pi(z)
                .addi(eps.mul(eps).sum(1).muli(0.5))
                .addi(raw.logVar().sum(1).muli(0.5));
        INDArray logLikelihood = likelihood.negLogLikelihood(raw.decoded(), repeatedTarget).negi();
        return logLikelihood.addi(logPriorOverPosterior).reshape('c', n, k);
    }
}
