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
 * the running mean [1, V] (0) and variance [1, V] (1) that inference normalizes with; where the batch norm is
 * annealed, its weight [1, 1] (1).
 */
final class TopicWordParams implements ParamInitializer {
    static final String WEIGHTS = "W";
    static final String SHIFT = "b";
    static final String SCALE = "gamma";
    // Keys end as DL4J's batch norm's do ("_mean", "_var"), which code that skips running statistics knows.
    static final String RUNNING_MEAN = "mean";
    static final String RUNNING_VARIANCE = "var";
    // No underscore: DL4J takes a parameter's layer name to be its key up to the last one.
    static final String BATCH_NORM_WEIGHT = "bnweight";
    static final TopicWordParams INSTANCE = new TopicWordParams();

    private TopicWordParams() {
    }

    static boolean isStatistic(String key) {
        return RUNNING_MEAN.equals(key) || RUNNING_VARIANCE.equals(key) || BATCH_NORM_WEIGHT.equals(key);
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
        return paramKeys(layer).stream().mapToLong(key -> length(conf(layer), key)).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(List.of(WEIGHTS, SHIFT));
        if (conf(layer).isBatchNorm()) {
            keys.addAll(List.of(SCALE, RUNNING_MEAN, RUNNING_VARIANCE));
            if (conf(layer).isAnnealed()) {
                keys.add(BATCH_NORM_WEIGHT);
            }
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
            if (params.containsKey(BATCH_NORM_WEIGHT)) {
                params.get(BATCH_NORM_WEIGHT).assign(1);
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf(conf.getLayer()), gradientView);
    }

    /** B: K·V; the batch norm's weight: 1; the rest: V. */
    private static long length(TopicWordLayer layer, String key) {
        return WEIGHTS.equals(key) ? layer.getNIn() * layer.getNOut()
                : BATCH_NORM_WEIGHT.equals(key) ? 1 : layer.getNOut();
    }

    private Map<String, INDArray> views(TopicWordLayer layer, INDArray flat) {
        INDArray vector = flat.reshape('c', new long[] {flat.length()});
        Map<String, INDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (String key : paramKeys(layer)) {
            long length = length(layer, key);
            long rows = WEIGHTS.equals(key) ? layer.getNIn() : 1;
            views.put(key, vector.get(NDArrayIndex.interval(offset, offset + length)).reshape('c',
                    new long[] {rows, length / rows}));
            offset += length;
        }
        return views;
    }
}
