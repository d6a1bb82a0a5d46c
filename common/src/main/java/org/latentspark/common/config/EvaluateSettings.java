package org.latentspark.common.config;

import java.io.Serializable;

/** The evaluate section: sizes and thresholds of the evaluation metrics. */
public record EvaluateSettings(int iwaeSamples, int iwaeExamples, double activeUnitThreshold, int migBins)
        implements Serializable {

    static EvaluateSettings from(Settings s) {
        return new EvaluateSettings(s.intAtLeast("evaluate.iwae-samples", 1), s.intAtLeast("evaluate.iwae-examples", 0),
                s.nonNegative("evaluate.active-unit-threshold"), s.intAtLeast("evaluate.mig-bins", 2));
    }
}
