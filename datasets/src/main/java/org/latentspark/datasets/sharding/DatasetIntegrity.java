package org.latentspark.datasets.sharding;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.manifest.DatasetManifest;

/**
 * Checks, before a step reads a dataset, that its Parquet files are the ones its manifest lists: every listed file
 * present, none added, sizes equal, and contents equal (sha256) or at least footers readable (size). Hadoop's .crc side files catch a flipped byte on
 * the local file system only; an object store keeps none, and a deleted shard would just train on fewer rows.
 */
public final class DatasetIntegrity {
    private DatasetIntegrity() {
    }

    /** @param verify dataset.verify: auto (sha256 on local and HDFS paths, size elsewhere), sha256 or size */
    public static void verify(HadoopFiles files, String datasetDir, DatasetManifest manifest, String verify) {
        boolean contents = DatasetSettings.VERIFY_SHA256.equals(verify)
                || DatasetSettings.VERIFY_AUTO.equals(verify) && localOrHdfs(files, datasetDir);
        JsonNode listed = manifest.json().path("files");
        if (!listed.isArray()) {
            throw new UserInputException("dataset " + datasetDir + ": its manifest lists no files; shard it again");
        }
        FileSystem fs = files.fs(datasetDir);
        try {
            Map<String, ShardFiles.Listed> present = new LinkedHashMap<>();
            for (ShardFiles.Listed file : ShardFiles.list(fs, new Path(datasetDir))) {
                present.put(file.path(), file);
            }
            for (JsonNode expected : listed) {
                String path = expected.path("path").asText();
                ShardFiles.Listed file = present.remove(path);
                if (file == null) {
                    throw changed(datasetDir, "file " + path + ", listed in its manifest, is missing");
                }
                long bytes = expected.path("bytes").asLong();
                if (file.bytes() != bytes) {
                    throw changed(datasetDir, String.format("file %s has %,d bytes, its manifest lists %,d", path,
                            file.bytes(), bytes));
                }
                if (contents && !ShardFiles.sha256(fs, file.absolute()).equals(expected.path("sha256").asText())) {
                    throw changed(datasetDir, "file " + path + " differs from its manifest's SHA-256 (same size, "
                            + "other contents: corrupted or rewritten)");
                }
                if (!contents) {
                    requireReadableFooter(fs, file.absolute(), datasetDir, path);
                }
            }
            if (!present.isEmpty()) {
                List<String> added = List.copyOf(present.keySet());
                throw changed(datasetDir, "file " + added.get(0) + (added.size() > 1 ? " (and " + (added.size() - 1)
                        + " more)" : "") + " is not in its manifest");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list dataset " + datasetDir, e);
        }
    }

    /**
     * Without hashes, a damaged footer is still found here, by the file's name: read inside a Spark task it fails
     * without naming the file. (A damaged page is found when read; FileReadFailures names its file.)
     */
    private static void requireReadableFooter(FileSystem fs, Path file, String datasetDir, String path) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, fs.getConf()))) {
            reader.getFooter();
        } catch (IOException | RuntimeException e) {
            throw changed(datasetDir, "file " + path + " has an unreadable Parquet footer (" + e.getMessage() + ")");
        }
    }

    private static boolean localOrHdfs(HadoopFiles files, String datasetDir) {
        String scheme = URI.create(files.fs(datasetDir).getUri().toString()).getScheme();
        return scheme == null || scheme.equals("file") || scheme.equals("hdfs") || scheme.equals("viewfs");
    }

    private static UserInputException changed(String datasetDir, String what) {
        return new UserInputException("dataset " + datasetDir + " is not what was sharded: " + what
                + "; shard it again (delete the folder, then run shard) or restore the file");
    }
}
