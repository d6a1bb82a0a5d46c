package org.latentspark.common.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PerplexityTest {
    private static final MixtureTopics MODEL = new MixtureTopics(new double[][] {
            {0.5, 0.25, 0.25, 0.0},
            {0.0, 0.25, 0.25, 0.5}});

    @Test
    void isTheExponentOfMinusTheMeanLogLikelihoodPerEvaluatedToken() {
        // document a, θ = (1, 0): log 0.5 + log 0.25 = log(1/8)
        Perplexity.Sum a = Perplexity.document(MODEL, new double[] {1, 0}, doc(new int[] {0, 1}, new int[] {1, 1}));
        // document b, θ = (½, ½): p = ¼ everywhere; word 3 twice: log(1/16)
        Perplexity.Sum b = Perplexity.document(MODEL, new double[] {0.5, 0.5}, doc(new int[] {3}, new int[] {2}));
        assertEquals(Math.log(1.0 / 8), a.logLikelihood(), 1e-12);
        assertEquals(2, a.tokens());
        Perplexity.Sum total = a.plus(b);
        assertEquals(Math.log(1.0 / 128), total.logLikelihood(), 1e-12);
        assertEquals(4, total.tokens());
        // exp(log(128) / 4) = 2^(7/4)
        assertEquals(Math.pow(2, 7.0 / 4), total.perplexity(), 1e-12);
        assertEquals(total.perplexity(), Perplexity.Sum.ZERO.plus(b).plus(a).perplexity(), 1e-12);
    }

    @Test
    void aUniformPredictionScoresTheVocabularySize() {
        Perplexity.Sum s = Perplexity.document(new double[] {0.25, 0.25, 0.25, 0.25},
                doc(new int[] {0, 2, 3}, new int[] {1, 4, 2}));
        assertEquals(4.0, s.perplexity(), 1e-12);
    }

    @Test
    void aWordOfProbabilityZeroMakesItInfinite() {
        Perplexity.Sum s = Perplexity.document(MODEL, new double[] {1, 0}, doc(new int[] {3}, new int[] {1}));
        assertEquals(Double.POSITIVE_INFINITY, s.perplexity());
    }

    @Test
    void needsEvaluatedTokens() {
        assertThrows(IllegalStateException.class, () -> Perplexity.Sum.ZERO.perplexity());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Perplexity.document(new double[] {0.5, 0.5}, doc(new int[] {3}, new int[] {1})));
        assertEquals("evaluated word 3 is outside the word distribution of 2 words", e.getMessage());
    }

    private static BagOfWords doc(int[] indices, int[] counts) {
        return BagOfWords.of(indices, counts, 4);
    }
}
