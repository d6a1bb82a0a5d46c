package org.latentspark.datasets.sharding;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.latentspark.common.KillSwitch;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;

/**
 * Writes records as Parquet shards partitioned by split (datasets/&lt;name&gt;/split=train/…), sized to a target
 * file size, plus the dataset manifest; the dataset appears by rename only once complete. Modality-independent:
 * readers of images, spike trains and text all end here.
 */
public final class ShardWriter {
    private final HadoopFiles files;
    private final OutputLayout layout;

    public ShardWriter(HadoopFiles files, OutputLayout layout) {
        this.files = files;
        this.layout = layout;
    }

    /**
     * What to write and how. {@code source} identifies the input and settings; equal sources reuse a dataset.
     * {@code artifacts} writes what belongs to the dataset besides its shards (a vocabulary, true topics).
     */
    public record Request(String name, String modality, ObjectNode source, ObjectNode shape, long seed,
                          double validationFraction, double testFraction, int targetShardMb, long bytesPerRecord,
                          java.util.function.LongSupplier skippedRecords, Artifacts artifacts) {

        /** A request for shards and manifest alone. */
        public Request(String name, String modality, ObjectNode source, ObjectNode shape, long seed,
                       double validationFraction, double testFraction, int targetShardMb, long bytesPerRecord,
                       java.util.function.LongSupplier skippedRecords) {
            this(name, modality, source, shape, seed, validationFraction, testFraction, targetShardMb, bytesPerRecord,
                    skippedRecords, Artifacts.NONE);
        }

        /** This request, also writing {@code extra} into the dataset. */
        public Request withArtifacts(Artifacts extra) {
            return new Request(name, modality, source, shape, seed, validationFraction, testFraction, targetShardMb,
                    bytesPerRecord, skippedRecords, extra);
        }
    }

    /**
     * Writes files of a dataset besides its shards into its staging directory, after the shards and before the
     * manifest: they are published with the dataset by the same rename, and their Parquet files are checksummed
     * in the manifest like the shards'. Names should start with {@code _} (as {@code _vocabulary/}), so that
     * readers of the dataset directory as a table of shards skip them.
     */
    @FunctionalInterface
    public interface Artifacts {
        Artifacts NONE = stagingDir -> { };

        void write(String stagingDir);
    }

    /**
     * Shards {@code records} (which must have an {@code id} column) unless an identical dataset already exists.
     * @return the manifest of the dataset now at datasets/&lt;name&gt;
     */
    public DatasetManifest write(Dataset<Row> records, Request request) {
        String target = layout.dataset(request.name());
        if (files.exists(target + "/" + DatasetManifest.FILE)) {
            return sameDataset(target, request);
        }
        Dataset<Row> split = records
                .withColumn("split", Splits.assign(col("id"), request.seed(), request.validationFraction(),
                        request.testFraction()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            ObjectNode counts = countPerSplit(split, request.name());
            long total = counts.get("total").asLong();
            long rowsPerFile = Math.max(1, request.targetShardMb() * 1024L * 1024L / request.bytesPerRecord());
            int numFiles = (int) Math.max(1, (total + rowsPerFile - 1) / rowsPerFile);
            String staging = layout.stagingDataset(request.name(), UUID.randomUUID().toString().substring(0, 8));
            split.repartition(numFiles).write()
                    .partitionBy("split")
                    .option("maxRecordsPerFile", rowsPerFile)
                    .parquet(staging);
            request.artifacts().write(staging);
            KillSwitch.point("inside-shard");

            ObjectNode doc = Json.object();
            doc.put("name", request.name());
            doc.put("modality", request.modality());
            doc.put("created", Instant.now().toString());
            doc.set("source", request.source());
            doc.set("shape", request.shape());
            doc.set("counts", counts);
            doc.put("skipped_records", request.skippedRecords().getAsLong());
            doc.put("split_seed", request.seed());
            doc.put("rows_per_file_target", rowsPerFile);
            doc.set("files", checksums(staging));
            DatasetManifest manifest = new DatasetManifest(doc);
            manifest.save(files, staging);
            if (files.exists(target + "/" + DatasetManifest.FILE)) {
                // Another run sharded the same name meanwhile (two runs on one output folder): keep its dataset.
                files.delete(staging);
                return sameDataset(target, request);
            }
            files.publish(staging, target);
            return manifest;
        } finally {
            split.unpersist();
        }
    }

    /** The dataset already published at {@code target}, when the request would make the same one. */
    private DatasetManifest sameDataset(String target, Request request) {
        DatasetManifest existing = DatasetManifest.load(files, target);
        // Compared as text: JSON read back from a file types 42 as an int, the request may hold a long.
        if (Json.write(existing.source()).equals(Json.write(request.source()))) {
            return existing;
        }
        throw new UserInputException("dataset '" + request.name() + "' already exists at " + target
                + " and was made from a different source or settings; set dataset.name to another name or remove it");
    }

    private static ObjectNode countPerSplit(Dataset<Row> split, String name) {
        ObjectNode counts = Json.object();
        long total = 0;
        for (String s : Splits.ALL) {
            counts.put(s, 0L);
        }
        List<Row> rows = split.groupBy("split").count().collectAsList();
        for (Row row : rows) {
            counts.put(row.getString(0), row.getLong(1));
            total += row.getLong(1);
        }
        if (total == 0) {
            throw new UserInputException("dataset '" + name + "' is empty: its source yielded no records");
        }
        long distinctIds = split.select("id").distinct().count();
        if (distinctIds != total) {
            Row dup = split.groupBy("id").count().where(col("count").gt(1)).first();
            throw new UserInputException("dataset '" + name + "': record id '" + dup.getString(0)
                    + "' occurs " + dup.getLong(1) + " times; ids must be unique");
        }
        counts.put("total", total);
        return counts;
    }

    /** Size and SHA-256 of every Parquet file, so a reader can check it reads what was written. */
    private ArrayNode checksums(String dir) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        FileSystem fs = files.fs(dir);
        try {
            for (ShardFiles.Listed file : ShardFiles.list(fs, new Path(dir))) {
                ObjectNode f = out.addObject();
                f.put("path", file.path());
                f.put("bytes", file.bytes());
                f.put("sha256", ShardFiles.sha256(fs, file.absolute()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }
}
