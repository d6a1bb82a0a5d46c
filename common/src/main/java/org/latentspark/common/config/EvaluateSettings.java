package org.latentspark.common.config;

import java.io.Serializable;

/** The evaluate section: sizes and thresholds of the evaluation metrics, and the same-run baselines' settings. */
public record EvaluateSettings(int iwaeSamples, int iwaeExamples, double activeUnitThreshold, int migBins,
                               Smoothing smoothing, double psthKernelSdMs, MllibLda mllibLda, int npmiTopWords,
                               int diversityTopWords, String npmiReference, int topicInferenceSteps)
        implements Serializable {

    /** The Neural Latents Benchmark smoothing baseline: Gaussian kernel and the Poisson regressions' L2 weight. */
    public record Smoothing(double kernelSdMs, double alpha) implements Serializable {
    }

    /** Spark ML's LDA (online optimizer), the baseline of text models. */
    public record MllibLda(boolean enabled, int maxIterations, double subsamplingRate, double learningOffset,
                           double docConcentration, double topicConcentration) implements Serializable {
    }

    static EvaluateSettings from(Settings s) {
        return new EvaluateSettings(s.intAtLeast("evaluate.iwae-samples", 1), s.intAtLeast("evaluate.iwae-examples", 0),
                s.nonNegative("evaluate.active-unit-threshold"), s.intAtLeast("evaluate.mig-bins", 2),
                new Smoothing(s.positive("evaluate.smoothing.kernel-sd-ms"), s.nonNegative("evaluate.smoothing.alpha")),
                s.positive("evaluate.psth-kernel-sd-ms"),
                new MllibLda(s.bool("evaluate.mllib-lda.enabled"), s.intAtLeast("evaluate.mllib-lda.max-iter", 1),
                        s.positive("evaluate.mllib-lda.subsampling-rate"),
                        s.positive("evaluate.mllib-lda.learning-offset"),
                        s.nonNegative("evaluate.mllib-lda.doc-concentration"),
                        s.nonNegative("evaluate.mllib-lda.topic-concentration")),
                s.intAtLeast("evaluate.npmi-top-words", 2), s.intAtLeast("evaluate.diversity-top-words", 1),
                s.string("evaluate.npmi-reference"), s.intAtLeast("evaluate.topic-inference-steps", 0));
    }
}
