package org.latentspark.jobs.benchmark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.latentspark.common.model.VaeInference;
import org.latentspark.datasets.sharding.Splits;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's common yardstick of a trained model: the mean over {@value #DRAWS} posterior draws of
 * −log p(x|z) on the first {@value #EXAMPLES} test examples by id, with the same noise for every model compared.
 */
final class TestReconstruction {
    static final int DRAWS = 20;
    static final int EXAMPLES = 2_000;

    private final MultiDataSet batch;
    private final List<INDArray> noise = new ArrayList<>();

    TestReconstruction(Dataset<Row> shards, BatchEncoder encoder, int latentDim, long seed) {
        List<Row> rows = shards.where(col("split").equalTo(Splits.TEST)).orderBy("id").limit(EXAMPLES)
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the benchmark's dataset has no test examples to score models on");
        }
        this.batch = encoder.encode(rows, BatchEncoder.EVALUATION_EPOCH, 1.0);
        INDArray x = batch.getFeatures(0);
        for (int draw = 0; draw < DRAWS; draw++) {
            noise.add(Nd4j.randn(seed + draw, new long[] {x.size(0), latentDim}).castTo(x.dataType()));
        }
    }

    int size() {
        return (int) batch.getFeatures(0).size(0);
    }

    /** A product graph's reconstruction: its likelihood on the observations each batch encoder defines. */
    double of(ComputationGraph network) {
        VaeInference inference = new VaeInference(network);
        INDArray target = BatchEncoder.observations(batch);
        return of((x, draws) -> draws.stream()
                .mapToDouble(eps -> inference.forward(x, eps, target).nll().meanNumber().doubleValue())
                .average().orElseThrow());
    }

    /** Any model's, given how it scores the input under a list of noise draws. */
    double of(BiFunction<INDArray, List<INDArray>, Double> model) {
        return model.apply(batch.getFeatures(0), noise);
    }
}
