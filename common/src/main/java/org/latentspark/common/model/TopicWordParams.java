package org.latentspark.common.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link TopicWordLayer}'s parameters in one flat vector: the topic-word matrix B [K, V] (drawn by the network's
 * weight init, as DL4J's dense layers are), the shift β [1, V] (0), and with batch norm the scale γ [1, V] (1) and
 * the running mean [1, V] (0) and variance [1, V] (1) that inference normalizes with.
 */
final class TopicWordParams implements ParamInitializer {
    static final String WEIGHTS = "W";
    static final String SHIFT = "b";
    static final String SCALE = "gamma";
    // Keys end as DL4J's batch norm's do ("_mean", "_var"), which code that skips running statistics knows.
    static final String RUNNING_MEAN = "mean";
    static final String RUNNING_VARIANCE = "var";
    static final TopicWordParams INSTANCE = new TopicWordParams();

    private TopicWordParams() {
    }

    static boolean isStatistic(String key) {
        return RUNNING_MEAN.equals(key) || RUNNING_VARIANCE.equals(key);
    }

    private static TopicWordLayer conf(Layer layer) {
        return (TopicWordLayer) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        TopicWordLayer c = conf(layer);
        return c.getNIn() * c.getNOut() + (paramKeys(layer).size() - 1) * c.getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(List.of(WEIGHTS, SHIFT));
        if (conf(layer).isBatchNorm()) {
            keys.addAll(List.of(SCALE, RUNNING_MEAN, RUNNING_VARIANCE));
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(SHIFT);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return SHIFT.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        TopicWordLayer layer = conf(conf.getLayer());
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            INDArray w = params.get(WEIGHTS);
            layer.getWeightInitFn().init(layer.getNIn(), layer.getNOut(), w.shape(), 'c', w);
            params.get(SHIFT).assign(0);
            if (layer.isBatchNorm()) {
                params.get(SCALE).assign(1);
                params.get(RUNNING_MEAN).assign(0);
                params.get(RUNNING_VARIANCE).assign(1);
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf(conf.getLayer()), gradientView);
    }

    private Map<String, INDArray> views(TopicWordLayer layer, INDArray flat) {
        INDArray vector = flat.reshape('c', new long[] {flat.length()});
        long k = layer.getNIn();
        long v = layer.getNOut();
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WEIGHTS, vector.get(NDArrayIndex.interval(0, k * v)).reshape('c', new long[] {k, v}));
        long offset = k * v;
        List<String> keys = paramKeys(layer);
        for (String key : keys.subList(1, keys.size())) {
            views.put(key, vector.get(NDArrayIndex.interval(offset, offset + v)).reshape('c', new long[] {1, v}));
            offset += v;
        }
        return views;
    }
}
