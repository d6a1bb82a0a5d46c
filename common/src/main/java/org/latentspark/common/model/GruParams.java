package org.latentspark.common.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of our GRU layers ({@link GruLayer#layout}), in one flat vector in that order, each a c-order
 * matrix.
 * As in LFADS, weights start N(0, 1/fan-in), biases at 0 but for the update gate's at 1 ("forget bias"), so that
 * the state is mostly kept at first.
 */
final class GruParams implements ParamInitializer {
    /** LFADS's initial update-gate bias. */
    static final double UPDATE_BIAS = 1.0;

    /**
     * One parameter: a weight [rows, cols] or a bias [1, cols] whose first {@code updateGate} entries are the
     * update gate's.
     */
    record Param(String key, long rows, long cols, boolean weight, long updateGate) {
        static Param weight(String key, long rows, long cols) {
            return new Param(key, rows, cols, true, 0);
        }

        static Param bias(String key, long cols, long updateGate) {
            return new Param(key, 1, cols, false, updateGate);
        }
    }

    static final GruParams INSTANCE = new GruParams();

    private GruParams() {
    }

    private static List<Param> layout(Layer layer) {
        return ((GruLayer) layer).layout();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return layout(layer).stream().mapToLong(p -> p.rows() * p.cols()).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layout(layer).stream().map(Param::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return layout(layer).stream().filter(Param::weight).map(Param::key).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return layout(layer).stream().filter(p -> !p.weight()).map(Param::key).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            for (Param p : layout(conf.getLayer())) {
                INDArray values = params.get(p.key());
                if (p.weight()) {
                    values.assign(Nd4j.randn(values.dataType(), values.shape()).muli(1 / Math.sqrt(p.rows())));
                } else {
                    values.assign(0);
                    if (p.updateGate() > 0) {
                        values.get(NDArrayIndex.all(), NDArrayIndex.interval(0, p.updateGate())).assign(UPDATE_BIAS);
                    }
                }
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(Layer layer, INDArray flat) {
        INDArray vector = flat.reshape('c', new long[] {flat.length()});
        Map<String, INDArray> views = new LinkedHashMap<>();
        long offset = 0;
        for (Param p : layout(layer)) {
            long length = p.rows() * p.cols();
            views.put(p.key(), vector.get(NDArrayIndex.interval(offset, offset + length))
                    .reshape('c', new long[] {p.rows(), p.cols()}));
            offset += length;
        }
        return views;
    }
}
