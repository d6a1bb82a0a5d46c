package org.latentspark.jobs.steps;

import org.latentspark.common.manifest.RunManifest;
import org.latentspark.jobs.modality.JobContext;

/** A step that writes into one run's directory and records what it did in the run's manifest. */
@FunctionalInterface
public interface RunStep {
    void run(JobContext ctx, String runDir, RunManifest manifest);
}
