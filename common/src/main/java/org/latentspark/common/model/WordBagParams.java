package org.latentspark.common.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link WordBagLayer}'s parameters: DL4J's dense layer's (W [V, H] drawn by the network's weight init, then b [1, H]
 * at the layer's bias init), with W in row order where DL4J's is in column order. A word's row of W, and of its
 * gradient, is then one contiguous run that the layer reads and writes in bulk.
 */
final class WordBagParams extends DefaultParamInitializer {
    static final WordBagParams INSTANCE = new WordBagParams();

    private WordBagParams() {
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        WordBagLayer layer = (WordBagLayer) conf.getLayer();
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            INDArray w = params.get(WEIGHT_KEY);
            layer.getWeightInitFn().init(layer.getNIn(), layer.getNOut(), w.shape(), 'c', w);
            params.get(BIAS_KEY).assign(layer.getBiasInit());
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((WordBagLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FeedForwardLayer layer, INDArray flat) {
        INDArray vector = flat.reshape('c', new long[] {flat.length()});
        long weights = layer.getNIn() * layer.getNOut();
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, weights)).reshape('c', layer.getNIn(),
                layer.getNOut()));
        views.put(BIAS_KEY, vector.get(NDArrayIndex.interval(weights, weights + layer.getNOut())).reshape('c', 1,
                layer.getNOut()));
        return views;
    }
}
