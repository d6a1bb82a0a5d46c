package org.latentspark.jobs.image;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.common.model.FlatArrays;
import org.latentspark.common.model.ImageFeatures;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.schema.ImageSchema;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A batch of image shard rows as model inputs, with the fixed evaluation noise of each example. */
public record ImageBatch(INDArray x, INDArray eps, List<Row> rows) {
    public static final int EVALUATION_EPOCH = org.latentspark.jobs.training.BatchEncoder.EVALUATION_EPOCH;

    /** What a batch needs to know about the data and the model. */
    public record Geometry(int height, int width, int channels, int latentDim) implements Serializable {
        public int features() {
            return height * width * channels;
        }
    }

    /** With the evaluation noise. */
    public static ImageBatch of(List<Row> rows, Geometry g, long seed) {
        return of(rows, g, seed, EVALUATION_EPOCH);
    }

    /** With the noise of a training epoch. */
    public static ImageBatch of(List<Row> rows, Geometry g, long seed, int epoch) {
        int n = rows.size();
        int d = g.features();
        int z = g.latentDim();
        float[] x = new float[n * d];
        float[] eps = new float[n * z];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ImageFeatures.fill(row.getAs(ImageSchema.PIXELS), g.height(), g.width(), g.channels(), x, i * d);
            NoiseSource.fill(seed, epoch, row.getAs(ImageSchema.ID), eps, i * z, z);
        }
        return new ImageBatch(FlatArrays.of(x, n, d), FlatArrays.of(eps, n, z), rows);
    }
}
