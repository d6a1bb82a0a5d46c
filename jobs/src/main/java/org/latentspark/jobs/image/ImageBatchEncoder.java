package org.latentspark.jobs.image;

import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Image VAE minibatches: inputs [x, ε], labels [x, w]. */
public record ImageBatchEncoder(ImageBatch.Geometry geometry, long seed) implements BatchEncoder {
    @Override
    public MultiDataSet encode(List<Row> rows, int epoch, double klWeight) {
        ImageBatch b = ImageBatch.of(rows, geometry, seed, epoch);
        INDArray labels = Nd4j.hstack(b.x(), Nd4j.valueArrayOf(new long[] {rows.size(), 1}, klWeight,
                b.x().dataType()));
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {b.x(), b.eps()}, new INDArray[] {labels});
    }
}
