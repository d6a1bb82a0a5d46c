package org.latentspark.common.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.latentspark.common.model.likelihood.MultinomialLikelihood;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained {@link TopicVaeGraph} (ProdLDA) forward: document-topic proportions, the topic-word matrix and the
 * word distribution given topic proportions, for perplexity and topic quality. The ELBO's terms come from
 * {@link #elbo()}.
 */
public final class TopicVaeInference {
    /**
     * Adam's first step in z of {@link #posteriorMode} (SpamAssassin: 25 to 300 steps of 0.1 to 0.3 gave perplexities
     * within 0.3% of each other).
     */
    private static final double MODE_STEP_SIZE = 0.1;

    private final ComputationGraph graph;
    private final VaeInference elbo;

    public TopicVaeInference(ComputationGraph graph) {
        this.graph = graph;
        this.elbo = new VaeInference(graph);
    }

    public VaeInference elbo() {
        return elbo;
    }

    public int topics() {
        return elbo.latentDim();
    }

    /**
     * @param zMean   posterior mean μ of the softmax-basis latent, [n, K]
     * @param zLogVar its log-variance, [n, K]
     * @param theta   softmax(μ), [n, K]: the topic proportions the paper uses at test time
     */
    public record Posterior(INDArray zMean, INDArray zLogVar, INDArray theta) {
    }

    /** @param x documents as the encoder takes them, {@link WordBagInput} */
    public Posterior posterior(INDArray x) {
        int k = topics();
        INDArray stats = graph.feedForward(new INDArray[] {x, Nd4j.zeros(x.dataType(), x.rows(), k)}, false)
                .get(VaeGraphNodes.STATS);
        INDArray mean = stats.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup();
        return new Posterior(mean, stats.get(NDArrayIndex.all(), NDArrayIndex.interval(k, 2 * k)).dup(),
                Transforms.softmax(mean, true));
    }

    /**
     * Topic proportions softmax(z*) of documents, with z* the mode of their posterior given their words
     * ({@link TopicPosteriorMode}) found in {@code steps} steps from the encoder's posterior mean; 0 steps: the
     * encoder's softmax(μ).
     *
     * @param start  the encoder's posterior of the same documents
     * @param counts their word counts, [n, V]
     */
    public INDArray posteriorMode(Posterior start, INDArray counts, int steps) {
        if (steps == 0) {
            return start.theta();
        }
        int k = topics();
        INDArray background = logits(Nd4j.zeros(start.zMean().dataType(), 1, k));
        INDArray z = new TopicPosteriorMode(topicWordEffects(), background, elbo.prior(), steps, MODE_STEP_SIZE)
                .from(start.zMean(), counts);
        return Transforms.softmax(z, false).castTo(start.theta().dataType());
    }

    /** The topic-word matrix B, [K, V]: row k holds topic k's weight for every word (a copy). */
    public INDArray topicWord() {
        return graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("W").dup();
    }

    /**
     * How much each topic raises each word's logit, [K, V]: logits(θ = e_k) − logits(θ = 0), i.e. B_k through the
     * decoder's batch norm, γ_v·B_kv / √(running variance_v + ε) (without batch norm, B_k itself). Batch norm
     * makes the model blind to the scale of each word's column of B, so raw B_kv are not comparable across words:
     * rare words, whose columns get the largest normalised gradients, grow the largest raw weights and crowd
     * every topic's top words. Topics rank their words by these effects instead.
     */
    public INDArray topicWordEffects() {
        int k = topics();
        INDArray b = graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("W");
        INDArray effects = logits(Nd4j.eye(k).castTo(b.dataType()));
        return effects.subiRowVector(logits(Nd4j.zeros(b.dataType(), 1, k)));
    }

    /**
     * log p(w | θ) for every word, [n, V]: log softmax(BN(θ·B)), where BN is the decoder's batch norm in inference
     * mode, γ ⊙ (θ·B − running mean) / √(running variance + ε) + β with the running averages of the training
     * batches' statistics; without batch norm, log softmax(θ·B + b) with the topic-word layer's bias b. This is
     * exactly the distribution the trained graph scores at inference time.
     *
     * @param theta topic proportions [n, K] (rows on the simplex)
     */
    public INDArray logWordProbabilities(INDArray theta) {
        return MultinomialLikelihood.logSoftmax(logits(theta));
    }

    /** The decoder's word logits for topic proportions θ, [n, V]. */
    private INDArray logits(INDArray theta) {
        Layer topicWord = graph.getLayer(TopicVaeGraph.TOPIC_WORD);
        return topicWord.activate(theta.castTo(topicWord.getParam("W").dataType()), false,
                LayerWorkspaceMgr.noWorkspaces());
    }

    /** p(w | θ), [n, V]: the exponential of {@link #logWordProbabilities}. */
    public INDArray wordDistribution(INDArray theta) {
        return Transforms.exp(logWordProbabilities(theta), false);
    }
}
