package org.latentspark.datasets.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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

/**
 * Two runs sharding the same dataset name into one output folder at once (another run's publication is simulated
 * while this one stages): the same dataset is shared, a different one is refused by name, and no staging is left.
 */
@ExtendWith(SharedSpark.class)
class ConcurrentShardingTest {
    @TempDir
    Path output;

    @Test
    void aRunThatLosesThePublicationRaceUsesTheSameDatasetTheOtherRunPublished() throws Exception {
        ShardWriter writer = writer();
        Dataset<Row> records = documents(40);
        DatasetManifest[] other = new DatasetManifest[1];
        ShardWriter.Request request = request(40, staging -> other[0] = writer.write(records, request(40, s -> {
        })));
        DatasetManifest mine = writer.write(records, request);
        // The manifest of the dataset the other run published, not one of this run's own.
        assertEquals(other[0].json().get("created"), mine.json().get("created"));
        assertEquals(other[0].count("train"), mine.count("train"));
        assertEquals(List.of(), leftoverStaging());
    }

    @Test
    void aDifferentDatasetPublishedMeanwhileIsRefusedByName() throws Exception {
        ShardWriter writer = writer();
        ShardWriter.Request request = request(40, staging -> writer.write(documents(30), request(30, s -> {
        })));
        UserInputException e = assertThrows(UserInputException.class, () -> writer.write(documents(40), request));
        assertTrue(e.getMessage().contains("dataset 'docs' already exists at"), e.getMessage());
        assertEquals(List.of(), leftoverStaging());
    }

    private ShardWriter writer() {
        return new ShardWriter(new HadoopFiles(SharedSpark.spark().sparkContext().hadoopConfiguration()),
                new OutputLayout(output.toString()));
    }

    private static ShardWriter.Request request(int documents, ShardWriter.Artifacts artifacts) {
        return new ShardWriter.Request("docs", "text", Json.object().put("n", documents), Json.object(), 5, 0.2, 0.2,
                1, 100_000, () -> 0L, artifacts);
    }

    private static Dataset<Row> documents(int n) {
        SparkSession spark = SharedSpark.spark();
        List<Row> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(RowFactory.create("d" + i, "words of document " + i));
        }
        return spark.createDataFrame(docs, TextSchema.DOCUMENT);
    }

    /** Folders of the output other than the published dataset: staged shards nobody will publish. */
    private List<String> leftoverStaging() throws Exception {
        try (Stream<Path> all = Files.walk(output)) {
            return all.filter(Files::isDirectory).map(p -> output.relativize(p).toString())
                    .filter(p -> p.contains(".inprogress"))
                    .toList();
        }
    }
}
