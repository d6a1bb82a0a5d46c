package org.latentspark.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.schema.EvaluationSchema.Metric;

class EvaluateStepTest {
    @Test
    void theSummaryHasOneLinePerModelOfItsFinalTestMetricsOnly() {
        List<Metric> metrics = List.of(
                new Metric("lfads", "validation", "neg_elbo", null, 3, 2200.0),
                new Metric("lfads", "test", "co_bps", null, null, 0.41234),
                new Metric("smoothing", "test", "co_bps", null, null, 0.3),
                new Metric("lfads", "test", "kl_dim", 2, null, 1.5),
                new Metric("lfads", "test", "latent_r2", null, null, 0.9),
                new Metric("lfads", "train", "train_seconds", null, null, 100.0));
        assertEquals(List.of("test lfads: co_bps 0.4123 latent_r2 0.9000", "test smoothing: co_bps 0.3000"),
                EvaluateStep.testSummary(metrics));
    }
}
