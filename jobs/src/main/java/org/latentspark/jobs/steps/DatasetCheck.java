package org.latentspark.jobs.steps;

import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.datasets.sharding.DatasetIntegrity;
import org.latentspark.jobs.modality.JobContext;

/**
 * Fails unless the configured dataset's files are the ones its manifest lists (dataset.verify). A command runs it
 * once, before it writes anything, rather than each step: hashing reads every byte of the dataset.
 */
public final class DatasetCheck {
    private DatasetCheck() {
    }

    public static void run(JobContext ctx) {
        DatasetIntegrity.verify(ctx.files(), ctx.datasetDir(), DatasetManifest.load(ctx.files(), ctx.datasetDir()),
                ctx.config().dataset().verify());
    }
}
