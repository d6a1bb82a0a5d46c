package org.latentspark.common.model;

import static org.latentspark.common.model.VaeGraphNodes.DECODED;
import static org.latentspark.common.model.VaeGraphNodes.DECODED_STATS;
import static org.latentspark.common.model.VaeGraphNodes.INPUT_EPS;
import static org.latentspark.common.model.VaeGraphNodes.INPUT_X;
import static org.latentspark.common.model.VaeGraphNodes.LOSS;
import static org.latentspark.common.model.VaeGraphNodes.STATS;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Builds an image VAE as a DL4J ComputationGraph that trains through DL4J's Spark API with both trainers:
 * <pre>
 *   x → encoder → stats [μ, log σ²] ─┐
 *   eps ─────────────────────────────┴→ merge → z = μ + σ·ε → decoder → decoded ─┐
 *                                                           stats ──────────────┴→ merge → ELBO loss (labels: x, w)
 * </pre>
 * Features are pixels scaled to [0, 1] in channel-major (C, H, W) order, as DL4J's CNN layers expect.
 */
public final class ImageVaeGraph {
    public static final String MLP = "vae";
    public static final String CONV = "conv-vae";
    public static final List<String> MODELS = List.of(MLP, CONV);

    private ImageVaeGraph() {
    }

    public static ComputationGraph build(VaeArchitecture arch, long seed, double learningRate) {
        ComputationGraph graph = new ComputationGraph(configuration(arch, seed, learningRate));
        graph.init();
        return graph;
    }

    public static ComputationGraphConfiguration configuration(VaeArchitecture arch, long seed, double learningRate) {
        int z = arch.latentDim();
        ElboLoss loss = new ElboLoss(arch.features(), z, arch.likelihood(), arch.gaussianSigma());
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs(INPUT_X, INPUT_EPS);

        String encoded = CONV.equals(arch.model()) ? convEncoder(g, arch)
                : denseStack(g, "enc", INPUT_X, arch.hidden());
        g.addLayer(STATS, dense(2 * z, Activation.IDENTITY), encoded)
                .addVertex("stats_eps", new MergeVertex(), STATS, INPUT_EPS)
                .addLayer("z", new ReparameterizationLayer(z), "stats_eps");

        String decoded = CONV.equals(arch.model())
                ? convDecoder(g, arch, loss.decoderWidth() / arch.features())
                : denseDecoder(g, arch, loss.decoderWidth());
        g.addVertex(DECODED_STATS, new MergeVertex(), decoded, STATS)
                .addLayer(LOSS, loss.layer(), DECODED_STATS)
                .setOutputs(LOSS)
                .setInputTypes(InputType.feedForward(arch.features()), InputType.feedForward(z));
        return g.build();
    }

    private static List<Integer> reversed(List<Integer> widths) {
        List<Integer> copy = new java.util.ArrayList<>(widths);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static CachingDenseLayer dense(int width, Activation activation) {
        return new CachingDenseLayer(width, activation);
    }

    private static String denseStack(ComputationGraphConfiguration.GraphBuilder g, String prefix, String input,
                                     List<Integer> widths) {
        String previous = input;
        for (int i = 0; i < widths.size(); i++) {
            String name = prefix + i;
            CachingDenseLayer layer = dense(widths.get(i), Activation.RELU);
            g.addLayer(name, INPUT_X.equals(previous) ? layer.withoutInputGradient() : layer, previous);
            previous = name;
        }
        return previous;
    }

    private static String denseDecoder(ComputationGraphConfiguration.GraphBuilder g, VaeArchitecture arch,
                                       int outputs) {
        String last = denseStack(g, "dec", "z", reversed(arch.hidden()));
        g.addLayer(DECODED, dense(outputs, Activation.IDENTITY), last);
        return DECODED;
    }

    private static ConvolutionLayer conv(int kernel, int stride, int channels, Activation activation) {
        ConvolutionLayer.Builder builder = new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride)
                .nOut(channels).activation(activation);
        return OneDnnConvolutionLayer.of(builder);
    }

    private static String convEncoder(ComputationGraphConfiguration.GraphBuilder g, VaeArchitecture arch) {
        g.addVertex("x_image", new PreprocessorVertex(
                new FeedForwardToCnnPreProcessor(arch.height(), arch.width(), arch.channels())), INPUT_X);
        String previous = "x_image";
        List<Integer> channels = arch.convChannels();
        for (int i = 0; i < channels.size(); i++) {
            String name = "enc_conv" + i;
            g.addLayer(name, conv(4, 2, channels.get(i), Activation.RELU), previous);
            previous = name;
        }
        return denseStack(g, "enc", previous, arch.hidden());
    }

    /**
     * Mirrors the encoder: dense → reshape to the smallest feature map → per level, 2× nearest upsampling and a 3×3
     * convolution → a 1×1 convolution to the likelihood's parameters. Resize-convolutions (Odena et al. 2016) rather
     * than transposed ones: ND4J's deconv2d has no oneDNN kernel and ran 20 to 60 times slower than conv2d here, and
     * a last 3×3 convolution to one or two channels falls off oneDNN's fast kernels (50 ms of backward per step).
     */
    private static String convDecoder(ComputationGraphConfiguration.GraphBuilder g, VaeArchitecture arch,
                                      int paramsPerFeature) {
        List<Integer> channels = arch.convChannels();
        int down = 1 << channels.size();
        if (arch.height() % down != 0 || arch.width() % down != 0) {
            throw new IllegalArgumentException("conv-vae needs image height and width divisible by " + down
                    + " (2 per conv layer), got " + arch.height() + "x" + arch.width());
        }
        int h = arch.height() / down;
        int w = arch.width() / down;
        int deepest = channels.get(channels.size() - 1);
        String last = denseStack(g, "dec", "z", reversed(arch.hidden()));
        g.addLayer("dec_map", dense(h * w * deepest, Activation.RELU), last);
        g.addVertex("dec_image", new PreprocessorVertex(new FeedForwardToCnnPreProcessor(h, w, deepest)), "dec_map");
        String previous = "dec_image";
        for (int i = channels.size() - 1; i >= 0; i--) {
            int outChannels = i > 0 ? channels.get(i - 1) : channels.get(0);
            String name = "dec_conv" + i;
            g.addLayer(name + "_up", new Upsampling2D.Builder(2).build(), previous);
            g.addLayer(name, conv(3, 1, outChannels, Activation.RELU), name + "_up");
            previous = name;
        }
        g.addLayer("dec_out", conv(1, 1, paramsPerFeature * arch.channels(), Activation.IDENTITY), previous);
        g.addVertex(DECODED, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(
                arch.height(), arch.width(), paramsPerFeature * arch.channels())), "dec_out");
        return DECODED;
    }
}
