package org.latentspark.datasets.sharding;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;

/** A dataset whose files changed after sharding is refused, naming the file and what changed. */
@ExtendWith(SharedSpark.class)
class DatasetIntegrityTest {
    @TempDir
    Path output;
    private HadoopFiles files;
    private String dataset;
    private DatasetManifest manifest;

    @BeforeEach
    void shard() {
        SparkSession spark = SharedSpark.spark();
        files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
        List<Row> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add(RowFactory.create("d" + i, "words of document " + i));
        }
        Dataset<Row> records = spark.createDataFrame(docs, TextSchema.DOCUMENT);
        // Small files, so that every split has several.
        ShardWriter.Request request = new ShardWriter.Request("docs", "text", Json.object().put("n", 60),
                Json.object(), 5, 0.2, 0.2, 1, 100_000, () -> 0L);
        manifest = new ShardWriter(files, new OutputLayout(output.toString())).write(records, request);
        dataset = output.resolve("datasets/docs").toString();
    }

    @Test
    void theShardedFilesPass() {
        assertDoesNotThrow(() -> DatasetIntegrity.verify(files, dataset, manifest, "auto"));
    }

    @Test
    void flippedBytesAreFoundByTheirHashOnly() throws Exception {
        Path shard = shards().get(1);
        byte[] bytes = Files.readAllBytes(shard);
        for (int i = 10; i < 74; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Files.write(shard, bytes);
        Files.deleteIfExists(shard.resolveSibling("." + shard.getFileName() + ".crc"));
        assertEquals("dataset " + dataset + " is not what was sharded: file " + relative(shard) + " differs from its "
                + "manifest's SHA-256 (same size, other contents: corrupted or rewritten); shard it again (delete the "
                + "folder, then run shard) or restore the file", refused("auto"));
        assertEquals(refused("auto"), refused("sha256"));
        assertDoesNotThrow(() -> DatasetIntegrity.verify(files, dataset, manifest, "size"),
                "size: presence and sizes only, for object stores");
    }

    @Test
    void aDeletedShortenedOrAddedFileIsNamed() throws Exception {
        Path deleted = shards().get(0);
        byte[] saved = Files.readAllBytes(deleted);
        Files.delete(deleted);
        assertEquals("file " + relative(deleted) + ", listed in its manifest, is missing", what(refused("size")));

        Files.write(deleted, java.util.Arrays.copyOf(saved, saved.length - 1));
        assertEquals(String.format("file %s has %,d bytes, its manifest lists %,d", relative(deleted),
                saved.length - 1, saved.length), what(refused("size")));

        Files.write(deleted, saved);
        Path added = deleted.resolveSibling("part-99999-extra.snappy.parquet");
        Files.write(added, saved);
        assertEquals("file " + relative(added) + " is not in its manifest", what(refused("size")));
    }

    private String refused(String verify) {
        return assertThrows(UserInputException.class,
                () -> DatasetIntegrity.verify(files, dataset, manifest, verify)).getMessage();
    }

    /** The part of a refusal between the dataset and the remedy. */
    private String what(String message) {
        String prefix = "dataset " + dataset + " is not what was sharded: ";
        assertEquals(prefix, message.substring(0, prefix.length()), message);
        return message.substring(prefix.length(), message.indexOf("; shard it again"));
    }

    private List<Path> shards() throws Exception {
        try (Stream<Path> all = Files.walk(Path.of(dataset))) {
            return all.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private String relative(Path file) {
        return Path.of(dataset).relativize(file).toString();
    }
}
