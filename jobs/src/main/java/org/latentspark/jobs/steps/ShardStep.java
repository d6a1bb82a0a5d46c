package org.latentspark.jobs.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.ImageSchema;
import org.latentspark.datasets.images.ImageSource;
import org.latentspark.datasets.sharding.ShardWriter;

/** Reads the configured source and writes it as Parquet shards under datasets/&lt;name&gt;/ (or reuses them). */
public final class ShardStep {
    private ShardStep() {
    }

    public static DatasetManifest run(JobContext ctx) {
        long start = System.nanoTime();
        DatasetSettings ds = ctx.config().dataset();
        long seed = ctx.config().seed();
        ImageSource source = ImageSources.from(ds, seed);
        Dataset<Row> records = source.read(ctx.spark());
        List<Row> first = records.limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new UserInputException("dataset '" + ds.name() + "' is empty: " + describe(ds) + " has no records");
        }
        ObjectNode shape = Json.object();
        shape.put("height", first.get(0).<Integer>getAs(ImageSchema.HEIGHT));
        shape.put("width", first.get(0).<Integer>getAs(ImageSchema.WIDTH));
        shape.put("channels", first.get(0).<Integer>getAs(ImageSchema.CHANNELS));
        long bytesPerRecord = (long) shape.get("height").asInt() * shape.get("width").asInt()
                * shape.get("channels").asInt() + 64;
        ShardWriter.Request request = new ShardWriter.Request(ds.name(), "image", ImageSources.describe(ds, seed),
                shape, seed, ds.validationFraction(), ds.testFraction(), ds.targetShardMb(), bytesPerRecord,
                source::skipped);
        DatasetManifest manifest = new ShardWriter(ctx.files(), ctx.layout()).write(records, request);
        ctx.log().accept(String.format("dataset %s: %d train, %d validation, %d test examples (%.1f s)",
                manifest.name(), manifest.count("train"), manifest.count("validation"), manifest.count("test"),
                (System.nanoTime() - start) / 1e9));
        return manifest;
    }

    private static String describe(DatasetSettings ds) {
        return DatasetSettings.SPRITES.equals(ds.format()) ? "the sprites simulator" : ds.path();
    }
}
