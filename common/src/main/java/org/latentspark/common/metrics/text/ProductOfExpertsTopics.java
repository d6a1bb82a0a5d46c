package org.latentspark.common.metrics.text;

/**
 * A product-of-experts topic model, as in ProdLDA (Srivastava and Sutton, "Autoencoding variational inference
 * for topic models", ICLR 2017): the decoder maps topic proportions θ to p(w | θ) = softmax(θ·B + b), with
 * topic-word weights B (K × V) and a background log-frequency b (V). Topics rank their words by B_kw, as in the
 * paper.
 *
 * <p>As a word distribution, topic k is softmax(B_k): the distribution its expert alone contributes (θ = e_k)
 * without the background b, which belongs to no topic and would otherwise make every topic look like the
 * corpus' word frequencies. A decoder with batch normalisation before the softmax, as in the paper, must
 * have it folded into B and b (in inference mode it is affine per word) before they are passed here.
 */
public final class ProductOfExpertsTopics implements TopicWordModel {
    private static final long serialVersionUID = 1L;

    private final double[][] weights;
    private final double[] bias;

    /** The model with decoder weights {@code weights} (K × V) and bias {@code bias} (V); both are copied. */
    public ProductOfExpertsTopics(double[][] weights, double[] bias) {
        this.weights = TopicMatrices.copy("weights", weights);
        this.bias = TopicMatrices.copy("bias", bias, this.weights[0].length);
    }

    @Override
    public int topicCount() {
        return weights.length;
    }

    @Override
    public int vocabularySize() {
        return bias.length;
    }

    /** B_k, the decoder row of the topic. */
    @Override
    public double[] topicWordScores(int topic) {
        TopicMatrices.checkTopic(topic, weights.length);
        return weights[topic].clone();
    }

    /** softmax(B_k) for every topic k. */
    @Override
    public double[][] topicWordDistributions() {
        double[][] topics = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            topics[k] = TopicMatrices.softmax(weights[k]);
        }
        return topics;
    }

    /** softmax(θ·B + b). */
    @Override
    public double[] wordDistribution(double[] theta) {
        TopicMatrices.checkTheta(theta, weights.length);
        double[] logits = bias.clone();
        for (int k = 0; k < weights.length; k++) {
            double t = theta[k];
            double[] row = weights[k];
            for (int w = 0; w < logits.length; w++) {
                logits[w] += t * row[w];
            }
        }
        return TopicMatrices.softmax(logits);
    }
}
