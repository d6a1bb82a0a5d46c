package org.latentspark.jobs.text;

import org.latentspark.common.metrics.text.TopicWordModel;
import org.latentspark.common.model.TopicVaeInference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained ProdLDA graph seen as topics: words ranked by how much topic k raises their logits (B_k through the
 * decoder's batch norm, {@link TopicVaeInference#topicWordEffects()}), topic k's word
 * distribution p(w | θ = e_k) (a document of topic k alone, through the decoder's batch norm: softmax of B_k alone
 * ignores the batch norm's per-word shift and scale, and is nearly uniform), and p(w | θ) exactly as the trained
 * graph scores it. Held on the driver only: the graph is not serializable.
 */
final class NeuralTopics implements TopicWordModel {
    private final transient TopicVaeInference inference;
    private final double[][] weights;

    NeuralTopics(TopicVaeInference inference) {
        this.inference = inference;
        this.weights = inference.topicWordEffects().toDoubleMatrix();
    }

    @Override
    public int topicCount() {
        return weights.length;
    }

    @Override
    public int vocabularySize() {
        return weights[0].length;
    }

    @Override
    public double[] topicWordScores(int topic) {
        return weights[topic].clone();
    }

    @Override
    public double[][] topicWordDistributions() {
        double[][] rows = inference.wordDistribution(Nd4j.eye(weights.length)).toDoubleMatrix();
        for (double[] row : rows) {
            normalize(row);
        }
        return rows;
    }

    @Override
    public double[] wordDistribution(double[] theta) {
        INDArray row = Nd4j.create(theta, new long[] {1, theta.length}, 'c');
        return normalize(inference.wordDistribution(row).toDoubleVector());
    }

    /**
     * Rescales a float model's word distribution to sum to 1 in double: a softmax over V words in single precision
     * sums to 1 only within about V·2⁻²⁴ (0.9999985 over 605 words of a simulated corpus), which the metrics refuse.
     */
    private static double[] normalize(double[] distribution) {
        double sum = 0;
        for (double p : distribution) {
            sum += p;
        }
        for (int w = 0; w < distribution.length; w++) {
            distribution[w] /= sum;
        }
        return distribution;
    }
}
