package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.latentspark.common.model.likelihood.MultinomialLikelihood;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * ProdLDA (Srivastava &amp; Sutton 2017, "Autoencoding variational inference for topic models", ICLR) as a DL4J
 * ComputationGraph that trains through DL4J's Spark API:
 * <pre>
 *   x: words and counts ({@link WordBagInput}) → WordBag(h, ELU) → Dense(h, ELU) → dropout → Dense(2K) → batch norm
 *     → stats [μ, log σ²] ─┐
 *   eps [n, K] ────────────┴→ merge → z = μ + σ·ε → θ = softmax(z) → dropout
 *     → BN(θ·B) (B: K×V, one {@link TopicWordLayer}) → word logits ─┐
 *   stats ───────────────────────────────────────────────────────────┴→ merge
 *     → ELBO loss, multinomial, prior N(m, v) = Laplace approximation of Dirichlet(α) (labels: counts [n, V], w)
 * </pre>
 * The encoder takes counts or log-counts (the caller's choice). Batch norm, as in the paper, on [μ, log σ²] and on
 * the word logits. On [μ, log σ²] it has no scale, as in the paper ({@link UnscaledBatchNormalization}): each
 * dimension of μ then varies across a minibatch with unit variance, so the posterior cannot collapse onto the
 * prior. With DL4J's learned scale γ it was collapsing: on SpamAssassin γ shrank from 1 to 0.6 on average (0.13 on
 * some topics) over 20 epochs and the KL term fell from 22 to 6 nats; without the scale it settles at 12. (Over
 * five seeds npmi and perplexity came out the same either way.) The word logits keep a learned γ: without it npmi
 * was −0.25 against −0.09. Inference uses running averages of the batch statistics; under gradient sharing those
 * drift, and {@link BatchNormRecalibration} re-estimates them. Without batch norm
 * ({@link TopicVaeArchitecture#batchNorm()} false) the topic-word layer has a per-word bias instead. The
 * topic-word matrix B is the W parameter of the layer {@link #TOPIC_WORD}, which also holds the word logits' batch
 * norm.
 */
public final class TopicVaeGraph {
    /** Largest absolute value of one gradient element. */
    static final double GRADIENT_CLIP = 10.0;

    /** Topic proportions θ = softmax(z), [n, K]. */
    public static final String THETA = "theta";
    /** The {@link TopicWordLayer} whose W parameter [K, V] is the topic-word matrix B. */
    public static final String TOPIC_WORD = "topic_word";

    private TopicVaeGraph() {
    }

    public static ComputationGraph build(TopicVaeArchitecture arch, long seed, double learningRate) {
        ComputationGraph graph = new ComputationGraph(configuration(arch, seed, learningRate));
        graph.init();
        return graph;
    }

    /**
     * Sets the word logits' batch norm's share w of an annealed graph (1: batch norm alone; 0: the raw logits θ·B
     * plus a per-word shift, whose topic-word weights then read as they are); graphs without annealing have none.
     */
    public static void setBatchNormWeight(ComputationGraph graph, double w) {
        if (!(w >= 0 && w <= 1)) {
            throw new IllegalArgumentException("the batch norm's weight must be in [0, 1], got " + w);
        }
        var layer = graph.getLayer(TOPIC_WORD);
        if (layer.paramTable().containsKey(TopicWordParams.BATCH_NORM_WEIGHT)) {
            layer.getParam(TopicWordParams.BATCH_NORM_WEIGHT).assign(w);
        }
    }

    public static ComputationGraphConfiguration configuration(TopicVaeArchitecture arch, long seed,
                                                              double learningRate) {
        int k = arch.topics();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate, arch.adamBeta1(), Adam.DEFAULT_ADAM_BETA2_VAR_DECAY,
                        Adam.DEFAULT_ADAM_EPSILON))
                .weightInit(WeightInit.XAVIER)
                // Bounds each gradient element: a rare minibatch's outsized gradient otherwise drove the encoder's
                // weights to NaN after several epochs under DL4J's Spark trainers.
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .graphBuilder()
                .addInputs(VaeGraphNodes.INPUT_X, VaeGraphNodes.INPUT_EPS);

        String previous = VaeGraphNodes.INPUT_X;
        for (int i = 0; i < arch.hidden().size(); i++) {
            String name = "enc" + i;
            // ELU, not the paper's softplus: DL4J's softplus computes log(1 + e^x), which is ∞ beyond x ≈ 88, and
            // long documents' raw counts got there: ∞ activations, then NaN weights a few epochs in.
            // The first layer reads each document's words only ({@link WordBagInput}).
            b.addLayer(name, i == 0 ? new WordBagLayer(arch.vocabulary(), arch.hidden().get(i), Activation.ELU)
                    : new CachingDenseLayer(arch.hidden().get(i), Activation.ELU), previous);
            previous = name;
        }
        String encoded = DropoutLayers.after(b, "enc_dropout", previous, arch.dropout());
        CachingDenseLayer stats = new CachingDenseLayer(2 * k, Activation.IDENTITY);
        if (arch.batchNorm()) {
            b.addLayer("stats_linear", stats, encoded)
                    .addLayer(VaeGraphNodes.STATS, new UnscaledBatchNormalization(), "stats_linear");
        } else {
            b.addLayer(VaeGraphNodes.STATS, stats, encoded);
        }
        b.addVertex("stats_eps", new MergeVertex(), VaeGraphNodes.STATS, VaeGraphNodes.INPUT_EPS)
                .addLayer("z", new ReparameterizationLayer(k), "stats_eps")
                .addLayer(THETA, new ActivationLayer.Builder().activation(Activation.SOFTMAX).build(), "z");
        String mixed = DropoutLayers.after(b, "theta_dropout", THETA, arch.dropout());
        b.addLayer(TOPIC_WORD, new TopicWordLayer(k, arch.vocabulary(), arch.batchNorm(), arch.annealBatchNorm()),
                mixed);
        b.addVertex(VaeGraphNodes.DECODED_STATS, new MergeVertex(), TOPIC_WORD, VaeGraphNodes.STATS)
                .addLayer(VaeGraphNodes.LOSS, new ElboLoss(arch.vocabulary(), k, MultinomialLikelihood.NAME, 0.0,
                        arch.prior()).layer(), VaeGraphNodes.DECODED_STATS)
                .setOutputs(VaeGraphNodes.LOSS)
                .setInputTypes(InputType.feedForward(arch.vocabulary()), InputType.feedForward(k));
        return b.build();
    }
}
