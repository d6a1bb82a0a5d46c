package org.latentspark.jobs.report;

import java.util.Set;

/** Which way each metric of the contract improves, for marking the better model; NONE for descriptive ones. */
public enum MetricDirection {
    LOWER, HIGHER, NONE;

    private static final Set<String> LOWER_IS_BETTER = Set.of("neg_elbo", "reconstruction", "iwae_nll",
            "perplexity");
    private static final Set<String> HIGHER_IS_BETTER = Set.of("probe_r2", "mig", "co_bps", "fp_bps", "psth_r2",
            "latent_r2", "rate_corr", "npmi", "topic_diversity", "topic_recovery");

    public static MetricDirection of(String metric) {
        if (LOWER_IS_BETTER.contains(metric)) {
            return LOWER;
        }
        return HIGHER_IS_BETTER.contains(metric) ? HIGHER : NONE;
    }

    /** Whether a beats b; false when the metric has no direction or either is not a number. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        return switch (this) {
            case LOWER -> a < b;
            case HIGHER -> a > b;
            case NONE -> false;
        };
    }
}
