package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.latentspark.common.metrics.GaussianKl;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class VaeInferenceTest {
    private final ComputationGraph graph = ImageVaeGraph.build(
            new VaeArchitecture(ImageVaeGraph.MLP, 4, 4, 1, 3, List.of(8), List.of(), "bernoulli", 0.1), 3, 1e-3);
    private final VaeInference inference = new VaeInference(graph);

    @Test
    void importanceWeightsOfABatchEqualThoseOfEachExampleAlone() {
        int k = 5;
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 16);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 3 * k, 3);
        INDArray batch = inference.logImportanceWeights(x, eps, k);
        for (int i = 0; i < 3; i++) {
            INDArray alone = inference.logImportanceWeights(x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()),
                    eps.get(NDArrayIndex.interval(i * k, (i + 1) * k), NDArrayIndex.all()), k);
            assertArrayEquals(alone.toDoubleVector(), batch.getRow(i).toDoubleVector(), 1e-3, "example " + i);
        }
    }

    @Test
    void singleSampleWeightMatchesTheElboTermsAtZeroNoise() {
        // With ε = 0, z = μ: log w = −nll(μ) − ½Σμ² + ½Σ log σ², and the analytic KL differs from the sampled one
        // by ½Σ(σ² − 1).
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 16);
        INDArray eps = Nd4j.zeros(DataType.FLOAT, 2, 3);
        VaeInference.Pass pass = inference.forward(x, eps);
        INDArray logW = inference.logImportanceWeights(x, eps, 1);
        for (int i = 0; i < 2; i++) {
            double[] mu = pass.zMean().getRow(i).toDoubleVector();
            double[] logVar = pass.zLogVar().getRow(i).toDoubleVector();
            double sampledKlTerm = 0;
            double varianceExcess = 0;
            for (int j = 0; j < 3; j++) {
                sampledKlTerm += 0.5 * mu[j] * mu[j] - 0.5 * logVar[j];
                varianceExcess += 0.5 * (Math.exp(logVar[j]) - 1);
            }
            assertEquals(-pass.nll().getDouble(i) - sampledKlTerm, logW.getDouble(i, 0), 1e-3);
            assertEquals(GaussianKl.total(mu, logVar), sampledKlTerm + varianceExcess, 1e-6);
        }
    }

    @Test
    void importanceWeightsUseTheModelsPrior() {
        // ProdLDA's prior N(m, v): with ε = 0, log w = −nll(μ) − ½Σ(μ − m)²/v − ½Σ log v + ½Σ log σ².
        TopicVaeArchitecture arch = new TopicVaeArchitecture(6, 3, List.of(8), 0.0, 0.5, 0.9, true);
        VaeInference topics = new VaeInference(TopicVaeGraph.build(arch, 2, 1e-3));
        GaussianPrior prior = arch.prior();
        assertEquals(prior, topics.prior());
        INDArray x = Nd4j.createFromArray(new float[][] {{3, 0, 1, 0, 2, 4}, {0, 0, 5, 1, 1, 0}});
        INDArray eps = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray words = WordBagInput.ofDense(x);
        VaeInference.Pass pass = topics.forward(words, eps, x);
        INDArray logW = topics.logImportanceWeights(words, eps, 1, x);
        for (int i = 0; i < 2; i++) {
            double[] mu = pass.zMean().getRow(i).toDoubleVector();
            double[] logVar = pass.zLogVar().getRow(i).toDoubleVector();
            double expected = -pass.nll().getDouble(i);
            for (int j = 0; j < 3; j++) {
                double d = mu[j] - prior.mean()[j];
                expected += -0.5 * d * d / prior.variance()[j] - 0.5 * Math.log(prior.variance()[j]) + 0.5 * logVar[j];
            }
            assertEquals(expected, logW.getDouble(i, 0), 1e-3);
        }
    }
}
