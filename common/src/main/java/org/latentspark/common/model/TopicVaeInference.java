package org.latentspark.common.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.latentspark.common.model.likelihood.MultinomialLikelihood;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runs a trained {@link TopicVaeGraph} (ProdLDA) forward: document-topic proportions, the topic-word matrix and the
 * word distribution given topic proportions, for perplexity and topic quality. The ELBO's terms come from
 * {@link #elbo()}.
 */
public final class TopicVaeInference {
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

    /** @param x word counts [n, V] */
    public Posterior posterior(INDArray x) {
        VaeInference.Pass pass = elbo.forward(x, Nd4j.zeros(x.dataType(), x.rows(), topics()));
        return new Posterior(pass.zMean(), pass.zLogVar(), Transforms.softmax(pass.zMean(), true));
    }

    /** The topic-word matrix B, [K, V]: row k holds topic k's weight for every word (a copy). */
    public INDArray topicWord() {
        return graph.getLayer(TopicVaeGraph.TOPIC_WORD).getParam("W").dup();
    }

    /**
     * log p(w | θ) for every word, [n, V]: log softmax(BN(θ·B)), where BN is the decoder's batch norm in inference
     * mode, γ ⊙ (θ·B − running mean) / √(running variance + ε) + β with DL4J's running averages of the training
     * batches' statistics; without batch norm, log softmax(θ·B + b) with the topic-word layer's bias b. This is
     * exactly the distribution the trained graph scores at inference time.
     *
     * @param theta topic proportions [n, K] (rows on the simplex)
     */
    public INDArray logWordProbabilities(INDArray theta) {
        Layer topicWord = graph.getLayer(TopicVaeGraph.TOPIC_WORD);
        INDArray b = topicWord.getParam("W");
        INDArray logits = theta.castTo(b.dataType()).mmul(b);
        if (graph.getConfiguration().getVertices().containsKey(ImageVaeGraph.DECODED)) {
            logits = graph.getLayer(ImageVaeGraph.DECODED).activate(logits, false, LayerWorkspaceMgr.noWorkspaces());
        } else {
            logits.addiRowVector(topicWord.getParam("b"));
        }
        return MultinomialLikelihood.logSoftmax(logits);
    }

    /** p(w | θ), [n, V]: the exponential of {@link #logWordProbabilities}. */
    public INDArray wordDistribution(INDArray theta) {
        return Transforms.exp(logWordProbabilities(theta), false);
    }
}
