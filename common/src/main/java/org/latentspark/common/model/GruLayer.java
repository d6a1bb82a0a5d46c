package org.latentspark.common.model;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What our GRU layers' configurations share: their parameters' initializer and the runtime layer they make. */
abstract class GruLayer extends NativeFeedForwardLayer {
    /** The runtime layer, not yet wired to its parameters. */
    abstract Layer runtime(NeuralNetConfiguration conf, DataType dataType);

    /** The parameters, in the order of the flat parameter vector. */
    abstract List<GruParams.Param> layout();

    @Override
    public ParamInitializer initializer() {
        return GruParams.INSTANCE;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(runtime(conf, dataType), conf, listeners, index, paramsView, initializeParams,
                initializer());
    }
}
