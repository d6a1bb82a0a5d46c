package org.latentspark.common.model;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained {@link SequentialVaeGraph} (LFADS) forward: the initial condition's posterior, the factors and
 * every neuron's firing rate per time bin. With ε = 0 the trajectories are those of the posterior mean of g0, what
 * LFADS reports when it does not average over samples. The ELBO's terms come from {@link #elbo()}, with the
 * counts of all neurons ({@link SequentialVaeGraph#target}) as the target.
 */
public final class SequentialVaeInference {
    private final ComputationGraph graph;
    private final VaeInference elbo;

    public SequentialVaeInference(ComputationGraph graph) {
        this.graph = graph;
        this.elbo = new VaeInference(graph);
    }

    public VaeInference elbo() {
        return elbo;
    }

    /**
     * @param zMean   posterior mean of g0, [n, g]
     * @param zLogVar posterior log-variance of g0, [n, g]
     * @param factors [n, T+F, factors]
     * @param rates   expected counts per bin, exp(log-rate), [n, T+F, Nin+Nout]: held-in neurons first
     */
    public record Trajectories(INDArray zMean, INDArray zLogVar, INDArray factors, INDArray rates) {
    }

    /** @param x held-in counts [n, Nin, T]; eps [n, g] noise (zeros for the posterior mean) */
    public Trajectories trajectories(INDArray x, INDArray eps) {
        Map<String, INDArray> activations = graph.feedForward(new INDArray[] {x, eps}, false);
        INDArray stats = activations.get(VaeGraphNodes.STATS);
        int g = elbo.latentDim();
        return new Trajectories(
                stats.get(NDArrayIndex.all(), NDArrayIndex.interval(0, g)).dup(),
                stats.get(NDArrayIndex.all(), NDArrayIndex.interval(g, 2 * g)).dup(),
                timeMajor(activations.get(SequentialVaeGraph.FACTORS)),
                timeMajor(Transforms.exp(activations.get(SequentialVaeGraph.LOG_RATES), true)));
    }

    /** DL4J's [n, channels, time] as [n, time, channels]. */
    private static INDArray timeMajor(INDArray ncw) {
        return ncw.permute(0, 2, 1).dup('c');
    }
}
