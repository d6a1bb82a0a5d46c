package org.latentspark.jobs.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.likelihood.BernoulliLikelihood;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's own {@code VariationalAutoencoder} layer with the image VAE's architecture (dense ReLU encoder and mirrored
 * decoder, Gaussian posterior, Bernoulli likelihood, Xavier initialization, Adam), pretrained in one plain JVM: the
 * peer the product's image VAE is measured against. Only the dense Bernoulli VAE has an exact counterpart there.
 */
final class Dl4jVaePeer {
    private final MultiLayerNetwork network;
    private final int encoderLayers;
    private final int decoderLayers;

    private Dl4jVaePeer(MultiLayerNetwork network, int layers) {
        this.network = network;
        this.encoderLayers = layers;
        this.decoderLayers = layers;
    }

    /** Why the architecture has no peer, or null when it has one. */
    static String unsupported(String model, String likelihood) {
        if (!ImageVaeGraph.MLP.equals(model)) {
            return "DL4J's VAE layer is the dense image VAE's peer; model " + model + " has none there";
        }
        if (!BernoulliLikelihood.NAME.equals(likelihood)) {
            return "DL4J's VAE layer learns a Gaussian's variance; only the bernoulli likelihood has a peer there";
        }
        return null;
    }

    static Dl4jVaePeer build(int features, int latentDim, List<Integer> hidden, long seed, double learningRate) {
        List<Integer> decoder = new ArrayList<>(hidden);
        java.util.Collections.reverse(decoder);
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .nIn(features).nOut(latentDim)
                        .encoderLayerSizes(hidden.stream().mapToInt(Integer::intValue).toArray())
                        .decoderLayerSizes(decoder.stream().mapToInt(Integer::intValue).toArray())
                        .activation(Activation.RELU)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .build())
                .build());
        network.init();
        return new Dl4jVaePeer(network, hidden.size());
    }

    /** A copy with its own parameters and updater state (for warming the JIT without training this one). */
    Dl4jVaePeer copy() {
        return new Dl4jVaePeer(network.clone(), encoderLayers);
    }

    /** One unsupervised step on a minibatch of images [n, features]. */
    void fit(INDArray x) {
        network.pretrainLayer(0, x);
    }

    long numParams() {
        return network.numParams();
    }

    /**
     * Mean over the noise draws of −log p(x|z), z = μ + σ·ε: the estimator the product's test reconstruction uses,
     * from the layer's parameters (the layer itself offers only log of the mean probability).
     */
    double reconstruction(INDArray x, List<INDArray> noise) {
        Map<String, INDArray> p = network.getLayer(0).paramTable();
        INDArray h = x;
        for (int i = 0; i < encoderLayers; i++) {
            h = Transforms.relu(h.mmul(p.get("e" + i + "W")).addiRowVector(p.get("e" + i + "b")), false);
        }
        INDArray mu = h.mmul(p.get("pZXMeanW")).addiRowVector(p.get("pZXMeanb"));
        INDArray sigma = Transforms.exp(h.mmul(p.get("pZXLogStd2W")).addiRowVector(p.get("pZXLogStd2b")).muli(0.5),
                false);
        BernoulliLikelihood likelihood = new BernoulliLikelihood();
        double sum = 0;
        for (INDArray eps : noise) {
            INDArray d = mu.add(sigma.mul(eps));
            for (int i = 0; i < decoderLayers; i++) {
                d = Transforms.relu(d.mmul(p.get("d" + i + "W")).addiRowVector(p.get("d" + i + "b")), false);
            }
            INDArray logits = d.mmul(p.get("pXZW")).addiRowVector(p.get("pXZb"));
            sum += likelihood.negLogLikelihood(logits, x).meanNumber().doubleValue();
        }
        return sum / noise.size();
    }
}
