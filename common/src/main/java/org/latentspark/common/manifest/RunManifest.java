package org.latentspark.common.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.io.OutputLayout;

/**
 * runs/&lt;run_id&gt;/manifest.json: what a run was (resolved config, seed, versions, git commit), what it read and
 * wrote (dataset, row counts) and how it went (status, timings). Everything needed to reproduce its outputs.
 */
public final class RunManifest {
    public static final String STATUS_TRAINING = "training";
    public static final String STATUS_TRAINED = "trained";
    public static final String STATUS_EMBEDDED = "embedded";
    public static final String STATUS_COMPLETE = "complete";

    private final ObjectNode doc;

    private RunManifest(ObjectNode doc) {
        this.doc = doc;
    }

    public static RunManifest start(String runId, String command, RunConfig config) {
        ObjectNode doc = Json.object();
        doc.put("run_id", runId);
        doc.put("command", command);
        doc.put("status", STATUS_TRAINING);
        doc.put("created", Instant.now().toString());
        doc.put("seed", config.seed());
        doc.set("config", Json.parseObject(config.resolvedJson(), "resolved configuration"));
        doc.set("versions", Versions.collect());
        doc.put("git_commit", Versions.gitCommit());
        doc.putObject("row_counts");
        doc.putObject("timings_s");
        return new RunManifest(doc);
    }

    public static RunManifest load(HadoopFiles files, String runDir) {
        String path = OutputLayout.manifest(runDir);
        if (!files.exists(path)) {
            throw new org.latentspark.common.UserInputException("no run manifest at " + path
                    + ": is the run id right, and did its train step finish?");
        }
        return new RunManifest(Json.parseObject(files.readString(path), path));
    }

    public void save(HadoopFiles files, String runDir) {
        doc.put("updated", Instant.now().toString());
        files.writeString(OutputLayout.manifest(runDir), Json.write(doc));
    }

    public String runId() {
        return doc.get("run_id").asText();
    }

    public String status() {
        return doc.get("status").asText();
    }

    /** The configuration the run was trained with, as HOCON-compatible JSON. */
    public String configJson() {
        return Json.write(doc.get("config"));
    }

    public RunManifest status(String status) {
        doc.put("status", status);
        return this;
    }

    public RunManifest timing(String step, double seconds) {
        ((ObjectNode) doc.get("timings_s")).put(step, Math.round(seconds * 1000) / 1000.0);
        return this;
    }

    public RunManifest rowCount(String table, String key, long rows) {
        ObjectNode counts = (ObjectNode) doc.get("row_counts");
        ObjectNode forTable = counts.has(table) ? (ObjectNode) counts.get(table) : counts.putObject(table);
        forTable.put(key, rows);
        return this;
    }

    /** A free-form section (dataset, model, training). */
    public ObjectNode section(String name) {
        return doc.has(name) ? (ObjectNode) doc.get(name) : doc.putObject(name);
    }

    public ObjectNode json() {
        return doc;
    }
}
