package org.latentspark.jobs.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.model.ImageVaeGraph;
import org.latentspark.common.model.TopicVaeArchitecture;
import org.latentspark.common.model.TopicVaeGraph;
import org.latentspark.common.model.VaeArchitecture;
import org.latentspark.common.model.WordBagInput;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MultiplyAddsTest {

    @Test
    void convolutionsCountOncePerOutputPositionDenseLayersOncePerWeight() {
        VaeArchitecture arch = new VaeArchitecture(ImageVaeGraph.CONV, 8, 8, 1, 3, List.of(16), List.of(4, 8),
                "bernoulli", 0.1);
        long expected = 4 * 16 * (4 * 4)  // enc_conv0: 4 kernels 4×4 over 1 channel, 4×4 outputs
                + 8 * 4 * 16 * (2 * 2)     // enc_conv1: 8 kernels 4×4 over 4 channels, 2×2 outputs
                + 32 * 16 + 16 * 6         // enc0 (2·2·8 → 16), stats (16 → μ, log σ² of 3)
                + 3 * 16 + 16 * 32         // dec0 (3 → 16), dec_map (16 → 2·2·8)
                + 4 * 8 * 9 * (4 * 4)      // dec_conv1 after 2× upsampling: 4 kernels 3×3 over 8 channels
                + 4 * 4 * 9 * (8 * 8)      // dec_conv0: 4 kernels 3×3 over 4 channels
                + 4 * (8 * 8);             // dec_out: 1×1 over 4 channels to one Bernoulli logit per pixel
        assertEquals(expected, TrainingBenchmark.multiplyAdds(ImageVaeGraph.build(arch, 1, 1e-3), Nd4j.rand(1, 64),
                Nd4j.randn(1, 3)));
    }

    @Test
    void aDenseGraphCountsEachWeightOnce() {
        VaeArchitecture arch = new VaeArchitecture(ImageVaeGraph.MLP, 4, 4, 1, 2, List.of(5), List.of(),
                "bernoulli", 0.1);
        assertEquals(16 * 5 + 5 * 4 + 2 * 5 + 5 * 16, TrainingBenchmark.multiplyAdds(ImageVaeGraph.build(arch, 1,
                1e-3), Nd4j.rand(1, 16), Nd4j.randn(1, 2)));
    }

    @Test
    void aWordBagLayerCountsOneRowPerWordOfTheDocument() {
        // V = 50, K = 4, encoder [6, 5]: the document has 3 distinct words (one of them with weight 2).
        TopicVaeArchitecture arch = new TopicVaeArchitecture(50, 4, List.of(6, 5), 0.0, 1.0, 0.99, true);
        INDArray words = WordBagInput.of(new int[][] {{3, 17, 42}}, new float[][] {{1, 2, 1}});
        assertEquals(3 * 6 + 6 * 5 + 5 * 8 + 4 * 50, TrainingBenchmark.multiplyAdds(TopicVaeGraph.build(arch, 1,
                1e-3), words, Nd4j.randn(1, 4)));
    }
}
