package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * ProdLDA's decoder up to its softmax, as one native layer: word logits BN(θ·B) [n, V] from topic proportions θ
 * [n, K], with B [K, V] the topic-word matrix (parameter {@link TopicWordParams#WEIGHTS}) and BN a batch norm over
 * the minibatch with learned scale γ and shift β and running statistics for inference; without batch norm, θ·B + β.
 *
 * <p>It replaces DL4J's dense and batch norm layers: their product θ·B has an inner dimension of K, which
 * OpenBLAS ran at about 2 GFLOP/s here (8–9 ms for 200 documents at V = 2,000), and their V-wide passes each
 * allocated a fresh [n, V] array. {@link TopicWord} runs both in loops over rows that the JIT vectorizes.
 */
public class TopicWordLayer extends NativeFeedForwardLayer {
    /** DL4J's batch norm defaults. */
    static final double DEFAULT_DECAY = 0.9;
    static final double DEFAULT_EPS = 1e-5;
    private boolean batchNorm;
    private boolean annealed;
    private double decay = DEFAULT_DECAY;
    private double eps = DEFAULT_EPS;

    /** For JSON deserialization of the network configuration. */
    public TopicWordLayer() {
    }

    /**
     * @param topics     K, the input's width
     * @param vocabulary V, the output's width
     * @param batchNorm  batch norm on the logits (ProdLDA); without it, a learned per-word shift only
     */
    public TopicWordLayer(int topics, int vocabulary, boolean batchNorm) {
        this(topics, vocabulary, batchNorm, false);
    }

    /**
     * @param annealed the batch norm's output is mixed with the raw logits, w·BN(θ·B) + (1 − w)·(θ·B + β), by a
     *                 weight w (parameter {@link TopicWordParams#BATCH_NORM_WEIGHT}, 1 at first) that training lowers
     */
    public TopicWordLayer(int topics, int vocabulary, boolean batchNorm, boolean annealed) {
        setNIn(topics);
        setNOut(vocabulary);
        this.batchNorm = batchNorm;
        this.annealed = annealed;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new TopicWord(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return TopicWordParams.INSTANCE;
    }

    /**
     * The running statistics change in the forward pass, and the batch norm's weight between epochs; their
     * gradient is zero and no updater moves them.
     */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return TopicWordParams.isStatistic(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }


    public boolean isBatchNorm() {
        return batchNorm;
    }

    public void setBatchNorm(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    public boolean isAnnealed() {
        return annealed;
    }

    public void setAnnealed(boolean annealed) {
        this.annealed = annealed;
    }

    public double getDecay() {
        return decay;
    }

    public void setDecay(double decay) {
        this.decay = decay;
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }
}
