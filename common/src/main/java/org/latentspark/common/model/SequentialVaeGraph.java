package org.latentspark.common.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.latentspark.common.model.likelihood.PoissonLikelihood;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.learning.config.Adam;

/**
 * LFADS without the controller (Pandarinath et al. 2018, "Inferring single-trial neural population dynamics using
 * sequential auto-encoders", Nature Methods) as a DL4J ComputationGraph that trains through DL4J's Spark API:
 * <pre>
 *   x [n, Nin, T] → bidirectional GRU encoder, both final states → stats [μ, log σ²] ──────────┐
 *   eps [n, g] ─────────────────────────────────────────────────────────────────────┴→ merge → g0 = μ + σ·ε
 *   g0 → generator GRU from the initial state W_0·g0 + b_0, no input, T+F steps → factors (linear, per step)
 *      → log-rates of all Nin+Nout neurons → flattened [n, Nall·(T+F)] ─┐
 *   stats ─────────────────────────────────────────────────────────────┴→ merge → ELBO loss, Poisson
 *                                                                          (labels: counts of all neurons, w)
 * </pre>
 * Inputs are raw spike counts. As in LFADS, the encoder is a bidirectional GRU ({@link EncoderGruLayer}), g0 sets
 * the generator's initial state ({@link GeneratorGruLayer}) and the generator then runs on its own, so each trial's
 * trajectory is a deterministic function of g0 alone. Labels
 * are, per example, the counts of every neuron (held-in first, then held-out) over the T observed and F forward
 * bins, flattened neuron-major (index = neuron·(T+F) + bin, as a c-order [Nall, T+F] array), followed by the KL
 * weight.
 */
public final class SequentialVaeGraph {
    /** Per-step factors, [n, factors, T+F]. */
    public static final String FACTORS = "factors";
    /** Per-step log-rates of all neurons, [n, Nall, T+F]. */
    public static final String LOG_RATES = "log_rates";
    /** Generator states, [n, generatorUnits, T+F]. */
    public static final String GENERATOR = "generator";

    private SequentialVaeGraph() {
    }

    public static ComputationGraph build(SequentialVaeArchitecture arch, long seed, double learningRate) {
        ComputationGraph graph = new ComputationGraph(configuration(arch, seed, learningRate));
        graph.init();
        return graph;
    }

    public static ComputationGraphConfiguration configuration(SequentialVaeArchitecture arch, long seed,
                                                              double learningRate) {
        int g = arch.latentDim();
        int steps = arch.steps();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(VaeGraphNodes.INPUT_X, VaeGraphNodes.INPUT_EPS);

        String observed = DropoutLayers.after(b, "x_dropout", VaeGraphNodes.INPUT_X, arch.dropout());
        EncoderGruLayer encoder = new EncoderGruLayer(arch.encoderUnits());
        b.addLayer("encoder", observed.equals(VaeGraphNodes.INPUT_X) ? encoder.withoutInputGradient() : encoder,
                        observed)
                .addLayer(VaeGraphNodes.STATS, new CachingDenseLayer(2 * g, Activation.IDENTITY), "encoder")
                .addVertex("stats_eps", new MergeVertex(), VaeGraphNodes.STATS, VaeGraphNodes.INPUT_EPS)
                .addLayer("g0", new ReparameterizationLayer(g), "stats_eps")
                .addLayer(GENERATOR, new GeneratorGruLayer(g, arch.generatorUnits(), steps), "g0");
        String generated = DropoutLayers.after(b, "generator_dropout", GENERATOR, arch.dropout());
        b.addLayer(FACTORS, new TimeDistributed(new CachingDenseLayer(arch.factors(), Activation.IDENTITY)),
                        generated)
                .addLayer(LOG_RATES, new TimeDistributed(new CachingDenseLayer(arch.neurons(), Activation.IDENTITY)),
                        FACTORS)
                .addVertex(VaeGraphNodes.DECODED, new ReshapeVertex(-1, arch.features()), LOG_RATES)
                .addVertex(VaeGraphNodes.DECODED_STATS, new MergeVertex(), VaeGraphNodes.DECODED, VaeGraphNodes.STATS)
                .addLayer(VaeGraphNodes.LOSS, new ElboLoss(arch.features(), g, PoissonLikelihood.NAME, 0.0).layer(),
                        VaeGraphNodes.DECODED_STATS)
                .setOutputs(VaeGraphNodes.LOSS)
                .setInputTypes(InputType.recurrent(arch.heldInNeurons(), arch.bins()), InputType.feedForward(g));
        return b.build();
    }

    /**
     * Starts every neuron's log-rate readout at the log of its mean count per bin in {@code counts}
     * [n, Nin+Nout, T+F] (half a spike added to the whole sample, so that a neuron silent in it starts low but
     * finite), as LFADS's readout starts from the data's mean rates in effect: with the bias at 0 every neuron starts
     * at one spike a bin, and on sparse recordings (5 ms bins at a few spikes a second: 0.04 a bin) Adam's bounded
     * steps spend hundreds of updates only walking the biases down while the rest of the model learns from them.
     */
    public static void startAtMeanRates(ComputationGraph graph, INDArray counts) {
        if (counts.rank() != 3) {
            throw new IllegalArgumentException("counts must be [n, neurons, bins], got shape "
                    + Arrays.toString(counts.shape()));
        }
        INDArray bias = graph.getLayer(LOG_RATES).getParam("b");
        if (bias.length() != counts.size(1)) {
            throw new IllegalArgumentException("counts hold " + counts.size(1) + " neurons, the model "
                    + bias.length());
        }
        double perNeuron = (double) counts.size(0) * counts.size(2);
        INDArray sums = counts.castTo(DataType.DOUBLE).sum(0, 2);
        bias.assign(Transforms.log(sums.addi(0.5).divi(perNeuron + 1), false).reshape(bias.shape()));
    }

    /**
     * The scored target from the counts of all neurons (held-in first) over the observed and forward bins,
     * [n, Nin+Nout, T+F]: flattened neuron-major to [n, (Nin+Nout)·(T+F)], the order of the decoder's output.
     * The labels are this followed by the KL weight column.
     */
    public static INDArray target(INDArray counts) {
        if (counts.rank() != 3) {
            throw new IllegalArgumentException("counts must be [n, neurons, bins], got shape "
                    + Arrays.toString(counts.shape()));
        }
        return counts.reshape('c', counts.size(0), counts.size(1) * counts.size(2));
    }
}
