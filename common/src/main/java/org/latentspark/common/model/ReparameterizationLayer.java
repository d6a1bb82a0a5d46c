package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reparameterization trick (Kingma &amp; Welling 2014): z = μ + exp(½·log σ²)·ε. Its input is the merge of the
 * posterior statistics [μ, log σ²] and the noise ε, which the data pipeline draws per example and epoch from the
 * run's seed, so that training is reproducible and resumable. A layer after a MergeVertex (rather than a
 * multi-input vertex) is what trains under both DL4J Spark trainers; it runs natively ({@link Reparameterization}).
 */
public class ReparameterizationLayer extends NoParamLayer {
    private int latentDim;

    /** For JSON deserialization of the network configuration. */
    public ReparameterizationLayer() {
    }

    public ReparameterizationLayer(int latentDim) {
        this.latentDim = latentDim;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Reparameterization(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(latentDim);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, ReparameterizationLayer.class, inputType,
                getOutputType(0, inputType))
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    public int getLatentDim() {
        return latentDim;
    }

    public void setLatentDim(int latentDim) {
        this.latentDim = latentDim;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((ReparameterizationLayer) o).latentDim == latentDim;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + latentDim;
    }
}
