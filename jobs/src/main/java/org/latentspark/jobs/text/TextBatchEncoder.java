package org.latentspark.jobs.text;

import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ProdLDA minibatches from bag-of-words rows: inputs [encoder input [n, V], ε [n, K]], labels [word counts, w]. The
 * encoder sees log(1 + counts) with {@code logInput} (model.prodlda.input = log-counts), else the raw counts; the
 * likelihood always scores the counts.
 */
public record TextBatchEncoder(int vocabulary, int topics, long seed, boolean logInput) implements BatchEncoder {
    @Override
    public MultiDataSet encode(List<Row> rows, int epoch, double klWeight) {
        int n = rows.size();
        float[] eps = new float[n * topics];
        List<BagOfWords> documents = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            documents.add(document(r));
            NoiseSource.fill(seed, epoch, r.getAs(TextSchema.ID), eps, i * topics, topics);
        }
        INDArray counts = counts(documents);
        INDArray labels = Nd4j.hstack(counts, Nd4j.valueArrayOf(new long[] {n, 1}, klWeight, counts.dataType()));
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {encoderInput(counts), Nd4j.create(eps, new long[] {n, topics}, 'c')},
                new INDArray[] {labels});
    }

    /** A row's bag of words. */
    BagOfWords document(Row r) {
        List<Integer> indices = r.getList(r.fieldIndex(TextSchema.INDICES));
        List<Integer> counts = r.getList(r.fieldIndex(TextSchema.COUNTS));
        return BagOfWords.of(indices.stream().mapToInt(Integer::intValue).toArray(),
                counts.stream().mapToInt(Integer::intValue).toArray(), vocabulary);
    }

    /** What the encoder takes for documents, [n, V]. */
    INDArray encoderInput(List<BagOfWords> documents) {
        return encoderInput(counts(documents));
    }

    private INDArray encoderInput(INDArray counts) {
        // Raw counts let long documents and frequent words swamp the encoder; logs damp both.
        return logInput ? Transforms.log(counts.add(1.0), false) : counts;
    }

    /** Dense counts [n, V] of documents. */
    INDArray counts(List<BagOfWords> documents) {
        float[] x = new float[documents.size() * vocabulary];
        for (int i = 0; i < documents.size(); i++) {
            fill(documents.get(i), x, i * vocabulary);
        }
        return Nd4j.create(x, new long[] {documents.size(), vocabulary}, 'c');
    }

    private static void fill(BagOfWords doc, float[] into, int offset) {
        for (int j = 0; j < doc.size(); j++) {
            into[offset + doc.index(j)] = doc.count(j);
        }
    }
}
