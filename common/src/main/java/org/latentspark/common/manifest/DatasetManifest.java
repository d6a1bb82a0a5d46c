package org.latentspark.common.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/**
 * datasets/&lt;name&gt;/_manifest.json: the source and settings a dataset was sharded from, counts per split,
 * example shape, and each Parquet file's size and SHA-256.
 */
public final class DatasetManifest {
    public static final String FILE = "_manifest.json";
    private final ObjectNode doc;

    public DatasetManifest(ObjectNode doc) {
        this.doc = doc;
    }

    public static DatasetManifest load(HadoopFiles files, String datasetDir) {
        String path = datasetDir + "/" + FILE;
        if (!files.exists(path)) {
            throw new UserInputException("no dataset at " + datasetDir + " (" + FILE + " missing): run `shard` first");
        }
        return new DatasetManifest(Json.parseObject(files.readString(path), path));
    }

    public void save(HadoopFiles files, String datasetDir) {
        files.writeString(datasetDir + "/" + FILE, Json.write(doc));
    }

    public String name() {
        return doc.get("name").asText();
    }

    public String modality() {
        return doc.get("modality").asText();
    }

    /** What the dataset was made from; two shard requests with equal sources make the same dataset. */
    public JsonNode source() {
        return doc.get("source");
    }

    public long count(String split) {
        JsonNode counts = doc.get("counts");
        return counts != null && counts.has(split) ? counts.get(split).asLong() : 0;
    }

    public ObjectNode shape() {
        return (ObjectNode) doc.get("shape");
    }

    public ObjectNode json() {
        return doc;
    }
}
