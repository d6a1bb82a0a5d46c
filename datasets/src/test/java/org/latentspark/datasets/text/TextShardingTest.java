package org.latentspark.datasets.text;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;
import org.latentspark.datasets.sharding.ShardWriter;
import org.latentspark.datasets.sharding.Splits;

/** A simulated corpus through the vocabulary into shards, with its vocabulary and true topics inside the dataset. */
@ExtendWith(SharedSpark.class)
class TextShardingTest {
    private static final long SEED = 42;

    @TempDir
    Path output;

    @Test
    void vocabularyAndTrueTopicsArePublishedWithTheShards() throws Exception {
        SparkSession spark = SharedSpark.spark();
        LdaCorpusSimulator simulator = new LdaCorpusSimulator(80, 3, 40, 15, 0.5, 0.1, SEED);
        Vocabulary.Settings settings = new Vocabulary.Settings(Vocabulary.Settings.DEFAULT_TOKEN_PATTERN, 1,
                List.of(), 1, 1.0, 1000);
        List<String> stagedAt = new ArrayList<>();
        DatasetManifest manifest;
        TextVocabulary fitted;
        try (Vocabulary.Result result = new Vocabulary(settings, SEED, 0.25, 0.25)
                .fit(simulator.read(spark), "the LDA simulator")) {
            fitted = result.vocabulary();
            ObjectNode source = simulator.describe();
            source.set("vocabulary", settings.describe());
            ObjectNode shape = Json.object();
            shape.put("vocabulary_size", result.vocabulary().size());
            ShardWriter.Request request = new ShardWriter.Request("sim", "text", source, shape, SEED, 0.25, 0.25, 64,
                    200, result::emptyDocuments)
                    .withArtifacts(staging -> {
                        stagedAt.add(staging);
                        TextVocabularyStore.write(spark, staging, result.vocabulary());
                        simulator.trueTopics().write(spark, staging);
                    });
            manifest = new ShardWriter(new HadoopFiles(spark.sparkContext().hadoopConfiguration()),
                    new OutputLayout(output.toString())).write(result.records(), request);
        }

        String dataset = output.resolve("datasets/sim").toString();
        assertEquals(1, stagedAt.size());
        assertTrue(stagedAt.get(0).contains("/datasets/.inprogress-sim-"), stagedAt.get(0));
        try (Stream<Path> left = Files.list(output.resolve("datasets"))) {
            assertEquals(List.of("sim"), left.map(p -> p.getFileName().toString()).toList(), "staging was renamed");
        }
        // Reading the dataset directory as a table sees the shards alone: the artifacts' names start with _.
        Dataset<Row> shards = spark.read().parquet(dataset);
        assertEquals(List.of(TextSchema.SHARD.fieldNames()), List.of(shards.columns()));
        assertEquals(80, shards.count());
        assertEquals(0, shards.where(col(TextSchema.TRUE_THETA).isNull()).count());
        assertEquals(80, manifest.count(Splits.TRAIN) + manifest.count(Splits.VALIDATION) + manifest.count(Splits.TEST));

        TextVocabulary stored = TextVocabularyStore.read(spark, dataset);
        assertEquals(fitted.terms(), stored.terms());
        assertArrayEquals(fitted.documentFrequencies(), stored.documentFrequencies());
        TrueTopics topics = TrueTopics.read(spark, dataset);
        assertEquals(simulator.trueTopics().terms(), topics.terms());
        assertArrayEquals(simulator.trueTopics().probabilities(), topics.probabilities());

        // Document frequencies were counted on the train split the shards were written with.
        Dataset<Row> train = shards.where(col(TextSchema.SPLIT).equalTo(Splits.TRAIN));
        for (int i = 0; i < stored.size(); i++) {
            long containing = train.where(org.apache.spark.sql.functions.array_contains(col(TextSchema.INDICES), i))
                    .count();
            assertEquals(stored.documentFrequencies()[i], containing, "term " + stored.terms().get(i));
        }

        boolean checksummed = false;
        for (JsonNode file : manifest.json().get("files")) {
            checksummed |= file.get("path").asText().startsWith(TextSchema.VOCABULARY_DIR + "/");
        }
        assertTrue(checksummed, "the vocabulary's Parquet file is in the manifest's checksums");
        assertFalse(Files.exists(output.resolve("datasets/sim/split=train/" + TextSchema.VOCABULARY_DIR)));
    }
}
