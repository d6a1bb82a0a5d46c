package org.latentspark.jobs.steps;

import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.jobs.modality.JobContext;

/** Reads the configured source and writes it as Parquet shards under datasets/&lt;name&gt;/ (or reuses them). */
public final class ShardStep {
    private ShardStep() {
    }

    public static DatasetManifest run(JobContext ctx) {
        long start = System.nanoTime();
        DatasetManifest manifest = Modalities.of(ctx.config()).shard(ctx);
        ctx.log().accept(String.format("dataset %s: %d train, %d validation, %d test examples (%.1f s)",
                manifest.name(), manifest.count("train"), manifest.count("validation"), manifest.count("test"),
                (System.nanoTime() - start) / 1e9));
        return manifest;
    }
}
