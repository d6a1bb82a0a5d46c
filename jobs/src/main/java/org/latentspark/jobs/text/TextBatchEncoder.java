package org.latentspark.jobs.text;

import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.model.FlatArrays;
import org.latentspark.common.model.NoiseSource;
import org.latentspark.common.model.WordBagInput;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.jobs.training.BatchEncoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * ProdLDA minibatches from bag-of-words rows: inputs [encoder input, ε [n, K]], labels [word counts [n, V], w]. The
 * encoder takes each document's own words ({@link WordBagInput}) weighted by log(1 + count) with {@code logInput}
 * (model.prodlda.input = log-counts), else by the raw counts; the likelihood always scores the counts.
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
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {encoderInput(documents), FlatArrays.of(eps, n, topics)},
                new INDArray[] {labels(documents, klWeight)});
    }

    /** A row's bag of words. */
    BagOfWords document(Row r) {
        List<Integer> indices = r.getList(r.fieldIndex(TextSchema.INDICES));
        List<Integer> counts = r.getList(r.fieldIndex(TextSchema.COUNTS));
        return BagOfWords.of(indices.stream().mapToInt(Integer::intValue).toArray(),
                counts.stream().mapToInt(Integer::intValue).toArray(), vocabulary);
    }

    /** What the encoder takes for documents: their words and weights. */
    INDArray encoderInput(List<BagOfWords> documents) {
        int[][] indices = new int[documents.size()][];
        float[][] weights = new float[documents.size()][];
        for (int i = 0; i < documents.size(); i++) {
            BagOfWords doc = documents.get(i);
            indices[i] = new int[doc.size()];
            weights[i] = new float[doc.size()];
            for (int j = 0; j < doc.size(); j++) {
                indices[i][j] = doc.index(j);
                // Raw counts let long documents and frequent words swamp the encoder; logs damp both.
                weights[i][j] = logInput ? (float) Math.log1p(doc.count(j)) : doc.count(j);
            }
        }
        return WordBagInput.of(indices, weights);
    }

    /** Dense counts [n, V] of documents, then the KL weight column: the likelihood scores every word. */
    private INDArray labels(List<BagOfWords> documents, double klWeight) {
        int width = vocabulary + 1;
        float[] x = denseCounts(documents, width);
        for (int i = 0; i < documents.size(); i++) {
            x[i * width + vocabulary] = (float) klWeight;
        }
        return FlatArrays.of(x, documents.size(), width);
    }

    /** Dense counts [n, V] of documents. */
    INDArray counts(List<BagOfWords> documents) {
        return FlatArrays.of(denseCounts(documents, vocabulary), documents.size(), vocabulary);
    }

    /** Rows of {@code width} (at least V) holding each document's counts in their first V columns. */
    private static float[] denseCounts(List<BagOfWords> documents, int width) {
        float[] x = new float[documents.size() * width];
        for (int i = 0; i < documents.size(); i++) {
            BagOfWords doc = documents.get(i);
            for (int j = 0; j < doc.size(); j++) {
                x[i * width + doc.index(j)] = doc.count(j);
            }
        }
        return x;
    }
}
