package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.likelihood.Likelihood;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained VAE graph forward outside training: posterior statistics, the ELBO's terms per example, and the
 * importance-weighted bound. Works on plain ND4J arrays, so it runs the same on the driver and on executors.
 */
public final class VaeInference {
    private final ComputationGraph graph;
    private final ElboLossLayer loss;
    private final Likelihood likelihood;

    public VaeInference(ComputationGraph graph) {
        this.graph = graph;
        this.loss = (ElboLossLayer) ((LayerVertex) graph.getConfiguration().getVertices().get(ImageVaeGraph.LOSS))
                .getLayerConf().getLayer();
        this.likelihood = loss.likelihood();
    }

    public int latentDim() {
        return loss.getLatentDim();
    }

    public int features() {
        return loss.getFeatures();
    }

    /** One forward pass with given noise. All arrays are [n, ·]; nll is [n]. */
    public record Pass(INDArray zMean, INDArray zLogVar, INDArray nll, INDArray klPerDim) {
        public INDArray kl() {
            return klPerDim.sum(1);
        }
    }

    private record Raw(INDArray decoded, INDArray mu, INDArray logVar) {
    }

    private Raw run(INDArray... inputs) {
        INDArray merged = graph.feedForward(inputs, false).get(ImageVaeGraph.DECODED_STATS);
        int width = loss.decoderWidth();
        int z = latentDim();
        return new Raw(merged.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)),
                merged.get(NDArrayIndex.all(), NDArrayIndex.interval(width, width + z)).dup(),
                merged.get(NDArrayIndex.all(), NDArrayIndex.interval(width + z, width + 2 * z)).dup());
    }

    public Pass forward(INDArray x, INDArray eps) {
        return forward(new INDArray[] {x, eps}, x);
    }

    /**
     * @param inputs the graph's inputs, noise included
     * @param target what the likelihood scores: the labels without their KL-weight column
     */
    public Pass forward(INDArray[] inputs, INDArray target) {
        Raw raw = run(inputs);
        INDArray klPerDim = raw.mu().mul(raw.mu()).addi(Transforms.exp(raw.logVar(), true))
                .subi(raw.logVar()).subi(1.0).muli(0.5);
        return new Pass(raw.mu(), raw.logVar(), likelihood.negLogLikelihood(raw.decoded(), target), klPerDim);
    }

    /**
     * Log importance weights log p(x, z_k) − log q(z_k | x) for k samples of each example (Burda et al. 2016).
     *
     * @param x   [n, d] examples
     * @param eps [n·k, z] standard normal noise, example-major (the k draws of example 0 first)
     * @return [n, k]
     */
    public INDArray logImportanceWeights(INDArray x, INDArray eps, int k) {
        long n = x.rows();
        // Each example's row k times in a row, to line up with the example-major noise.
        INDArray repeated = Nd4j.tile(x.reshape('c', n, 1, x.columns()), 1, k, 1).reshape('c', n * k, x.columns());
        Raw raw = run(repeated, eps);
        INDArray z = raw.mu().add(Transforms.exp(raw.logVar().mul(0.5), true).muli(eps));
        // log p(z) − log q(z|x) = −½Σz² + ½Σε² + ½Σ log σ² (the 2π terms cancel).
        INDArray logPriorOverPosterior = z.mul(z).sum(1).muli(-0.5)
                .addi(eps.mul(eps).sum(1).muli(0.5))
                .addi(raw.logVar().sum(1).muli(0.5));
        INDArray logLikelihood = likelihood.negLogLikelihood(raw.decoded(), repeated).negi();
        return logLikelihood.addi(logPriorOverPosterior).reshape('c', n, k);
    }
}
