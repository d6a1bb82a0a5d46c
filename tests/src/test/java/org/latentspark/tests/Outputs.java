package org.latentspark.tests;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.manifest.Json;

/** Reads a run's outputs back the way a notebook would: Parquet tables through Spark, manifests as JSON. */
public final class Outputs {
    private final Path root;

    public Outputs(Path root) {
        this.root = root;
    }

    public Path run(String runId) {
        return root.resolve("runs").resolve(runId);
    }

    public static SparkSession spark() {
        return SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    /** model/split/metric/dim/epoch → value, with "-" for null dim or epoch. */
    public Map<String, Double> evaluation(String runId) {
        Map<String, Double> out = new HashMap<>();
        List<Row> rows = spark().read().parquet(run(runId).resolve("evaluation").toString()).collectAsList();
        for (Row r : rows) {
            out.put(key(r.getAs("model"), r.getAs("split"), r.getAs("metric"), r.getAs("dim"), r.getAs("epoch")),
                    r.getAs("value"));
        }
        return out;
    }

    public static String key(String model, String split, String metric, Integer dim, Integer epoch) {
        return model + "/" + split + "/" + metric + "/" + (dim == null ? "-" : dim) + "/" + (epoch == null ? "-" : epoch);
    }

    public Map<String, Long> latentCounts(String runId) {
        Map<String, Long> out = new HashMap<>();
        for (Row r : spark().read().parquet(run(runId).resolve("latents").toString())
                .groupBy(col("split")).count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    public JsonNode json(Path file) {
        try {
            return Json.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
