package org.latentspark.common.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Documents as a topic model's encoder takes them ({@link WordBagLayer}): [n, 2L], each row the document's word
 * indices in its first L columns and their weights (counts, or log counts) in the last L, padded with index 0 and
 * weight 0, L being the most distinct words of any document in the minibatch. A document costs its own words, not
 * the vocabulary.
 */
public final class WordBagInput {
    private WordBagInput() {
    }

    /**
     * @param indices per document, its distinct word indices
     * @param weights per document, the weight of each of those words
     */
    public static INDArray of(int[][] indices, float[][] weights) {
        int width = 1;
        for (int[] doc : indices) {
            width = Math.max(width, doc.length);
        }
        float[] packed = new float[indices.length * 2 * width];
        for (int i = 0; i < indices.length; i++) {
            if (weights[i].length != indices[i].length) {
                throw new IllegalArgumentException("document " + i + " has " + indices[i].length + " words and "
                        + weights[i].length + " weights");
            }
            int row = i * 2 * width;
            for (int l = 0; l < indices[i].length; l++) {
                packed[row + l] = indices[i][l];
                packed[row + width + l] = weights[i][l];
            }
        }
        return FlatArrays.of(packed, indices.length, 2L * width);
    }

    /** The same documents from dense rows [n, V] of weights (their nonzero entries). */
    public static INDArray ofDense(INDArray weights) {
        double[][] rows = weights.toDoubleMatrix();
        int[][] indices = new int[rows.length][];
        float[][] values = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int nonzero = 0;
            for (double w : rows[i]) {
                nonzero += w != 0 ? 1 : 0;
            }
            indices[i] = new int[nonzero];
            values[i] = new float[nonzero];
            int l = 0;
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] != 0) {
                    indices[i][l] = j;
                    values[i][l++] = (float) rows[i][j];
                }
            }
        }
        return of(indices, values);
    }
}
