package org.latentspark.common.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution whose forward and backward passes run on oneDNN when the loaded ND4J build has it
 * ({@link OneDnnConvolution}); configured exactly as DL4J's {@link ConvolutionLayer}.
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {

    /** For JSON deserialization of the network configuration. */
    public OneDnnConvolutionLayer() {
    }

    private OneDnnConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** A layer configured by DL4J's builder: {@code of(new ConvolutionLayer.Builder(3, 3).nOut(32))}. */
    public static OneDnnConvolutionLayer of(ConvolutionLayer.Builder builder) {
        builder.build(); // DL4J's validation of kernel, stride and padding
        return new OneDnnConvolutionLayer(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new OneDnnConvolution(conf, dataType), conf, listeners, index, paramsView,
                initializeParams, initializer());
    }
}
