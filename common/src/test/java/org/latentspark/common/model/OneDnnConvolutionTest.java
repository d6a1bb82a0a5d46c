package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class OneDnnConvolutionTest {
    private static final VaeArchitecture ARCH = new VaeArchitecture(ImageVaeGraph.CONV, 8, 8, 1, 3, List.of(16),
            List.of(4, 8), "bernoulli", 0.1);

    @Test
    void everyConvolutionOfTheImageGraphRunsOnOneDnnWhenTheBuildHasIt() {
        ComputationGraph graph = ImageVaeGraph.build(ARCH, 1, 1e-3);
        long convolutions = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                String name = layer.conf().getLayer().getLayerName();
                if (OneDnnConvolution.available()) {
                    assertNotNull(helper(layer), name);
                } else {
                    assertNull(helper(layer), name + ": a helper without oneDNN in the build");
                }
                convolutions++;
            }
        }
        assertEquals(2 + 2 + 1, convolutions, "two encoder, two decoder and one output convolution");
    }

    @Test
    void oneDnnAndDl4jsOwnRouteGiveTheSameLossAndGradient() throws Exception {
        assumeTrue(OneDnnConvolution.available(), "ND4J's build has no oneDNN (-Dnd4j.native.classifier)");
        Random random = new Random(4);
        INDArray x = Nd4j.rand(6, 64).gt(0.5).castTo(Nd4j.defaultFloatingPointType());
        MultiDataSet data = new MultiDataSet(new INDArray[] {x, Nd4j.randn(random.nextLong(), new long[] {6, 3})},
                new INDArray[] {Nd4j.hstack(x, Nd4j.ones(6, 1))});
        ComputationGraph oneDnn = ImageVaeGraph.build(ARCH, 1, 1e-3);
        ComputationGraph dl4j = ImageVaeGraph.build(ARCH, 1, 1e-3);
        for (Layer layer : dl4j.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                helperField().set(layer, null);
                assertNull(helper(layer));
            }
        }
        oneDnn.setInputs(data.getFeatures());
        oneDnn.setLabels(data.getLabels());
        oneDnn.computeGradientAndScore();
        dl4j.setInputs(data.getFeatures());
        dl4j.setLabels(data.getLabels());
        dl4j.computeGradientAndScore();
        assertEquals(dl4j.score(), oneDnn.score(), 1e-4 * Math.abs(dl4j.score()));
        Map<String, INDArray> expected = dl4j.gradient().gradientForVariable();
        for (Map.Entry<String, INDArray> e : oneDnn.gradient().gradientForVariable().entrySet()) {
            INDArray want = expected.get(e.getKey());
            double scale = Math.max(want.norm2Number().doubleValue(), 1e-6);
            double error = e.getValue().sub(want).norm2Number().doubleValue() / scale;
            assertTrue(error < 1e-3, e.getKey() + ": relative difference " + error);
        }
    }

    private static Field helperField() throws NoSuchFieldException {
        Field field = ConvolutionLayer.class.getDeclaredField("helper");
        field.setAccessible(true);
        return field;
    }

    private static Object helper(Layer layer) {
        try {
            return helperField().get(layer);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
