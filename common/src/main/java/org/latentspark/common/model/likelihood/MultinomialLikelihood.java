package org.latentspark.common.model.likelihood;

import org.latentspark.common.model.arrays.Reductions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multinomial observations (a document's word counts) with word logits l: −log p(x|l) = −Σ_w x_w·log softmax(l)_w,
 * the reconstruction term of ProdLDA (Srivastava &amp; Sutton 2017). It omits the multinomial coefficient
 * log(N! / Π_w x_w!), which depends on the counts only; perplexity, the usual figure for topic models, omits it too.
 */
public final class MultinomialLikelihood implements Likelihood {
    public static final String NAME = "multinomial";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int paramsPerFeature() {
        return 1;
    }

    /** N·softmax(l) − x, with N = Σ_w x_w the document's length. */
    @Override
    public void gradient(INDArray logits, INDArray x, INDArray out) {
        Nd4j.exec(new Exp(logSoftmax(logits), out));
        out.muliColumnVector(x.sum(1).reshape(x.rows(), 1)).subi(x);
    }

    /**
     * One log-softmax for both, with one array allocated: with s = l − max l and Z = Σ_w e^s, the gradient is
     * (N/Z)·e^s − x, and the total Σ_i N_i·log Z_i − Σ x ⊙ s.
     */
    @Override
    public double gradientAndTotal(INDArray logits, INDArray x, INDArray out) {
        if (RowPass.applies(logits, x, out)) {
            return rowByRow(logits, x, out);
        }
        long n = logits.rows();
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(n, 1));
        Nd4j.exec(new Exp(shifted, out));
        INDArray normalizer = out.sum(1).reshape(n, 1);
        INDArray lengths = x.sum(1).reshape(n, 1);
        out.muliColumnVector(lengths.div(normalizer)).subi(x);
        double normalizers = Transforms.log(normalizer, false).muli(lengths).sumNumber().doubleValue();
        return normalizers - shifted.muli(x).sumNumber().doubleValue();
    }

    /**
     * {@link #gradientAndTotal} in one read and one write of each row, in the arrays' own memory. The loss gets
     * views (the word logits are the first V columns of the merged decoder output, the counts of the labels), and
     * ND4J's element-wise ops ran 3–6 ns an element on such strided views: 27% of a ProdLDA step at V = 2,000.
     */
    private static double rowByRow(INDArray logits, INDArray x, INDArray out) {
        boolean precise = logits.dataType() == DataType.DOUBLE;
        return RowPass.run(logits, x, out, (logit, count, grad) -> {
            int v = logit.length;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, logit[j]);
            }
            for (int j = 0; j < v; j++) {
                grad[j] = logit[j] - max;
            }
            double length = Reductions.sum(count, v);
            double dot = Reductions.dot(count, grad, v);
            FloatExp.inPlace(grad, precise);
            double normalizer = Reductions.sum(grad, v);
            double scale = length / normalizer;
            for (int j = 0; j < v; j++) {
                grad[j] = scale * grad[j] - count[j];
            }
            return length * Math.log(normalizer) - dot;
        });
    }

    @Override
    public INDArray negLogLikelihood(INDArray logits, INDArray x) {
        return x.mul(logSoftmax(logits)).sum(1).negi();
    }

    /** The word probabilities softmax(l): the mean per word token (the mean counts are these times the length). */
    @Override
    public INDArray mean(INDArray logits) {
        return Transforms.exp(logSoftmax(logits), false);
    }

    /** Row-wise log softmax, shifted by the row maximum so that large logits do not overflow. */
    public static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.rows(), 1));
        INDArray logNormalizer = Transforms.log(Transforms.exp(shifted, true).sum(1), false);
        return shifted.subiColumnVector(logNormalizer.reshape(logits.rows(), 1));
    }
}
