package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * DL4J's convolution layer with its oneDNN helper switched on whenever the native build has oneDNN. DL4J 1.0.0-M2.1
 * never switches it on by itself: its check calls a method ({@code isUseMKLDNN}) on a class
 * ({@code org.nd4j.nativeblas.Nd4jCpu$Environment}) that the native build no longer has, so every convolution takes
 * the Java im2col route, 10 to 100 times slower than oneDNN's kernels on this model's shapes.
 */
final class OneDnnConvolution extends ConvolutionLayer {
    private static volatile Boolean available;

    OneDnnConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (helper == null && available()) {
            helper = new MKLDNNConvHelper(dataType);
        }
    }

    /** Whether the loaded ND4J build is the CPU one compiled with oneDNN, and helpers are allowed. */
    static boolean available() {
        if (available == null) {
            available = Nd4j.getEnvironment().isCPU() && Nd4j.getEnvironment().helpersAllowed()
                    && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        }
        return available;
    }
}
