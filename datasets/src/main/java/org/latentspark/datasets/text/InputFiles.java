package org.latentspark.datasets.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;

/**
 * The files a text source reads: one file, or the files under a folder, recursively, whose names match a glob.
 * Listed by Spark's {@code binaryFile} source, so listing is Spark's own (names starting with {@code .} or
 * {@code _} are skipped) and file contents are read only when the {@code content} column is selected. Files are
 * read in at most three partitions per core.
 */
final class InputFiles {
    /** Column of each file's path, a Hadoop path string. */
    static final String PATH = "path";
    /** Column of each file's bytes. */
    static final String CONTENT = "content";
    private static final int PARTITIONS_PER_CORE = 3;

    private InputFiles() {
    }

    /**
     * @param path a file or folder, any Hadoop URI
     * @param glob file names to read, e.g. {@code *.jsonl}; {@code *} for all
     * @param what what the input is, for error messages ("text folder")
     * @return binaryFile rows (path, modificationTime, length, content); at least one
     */
    static Dataset<Row> load(SparkSession spark, String path, String glob, String what) {
        root(spark, path, what);
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", true)
                .option("pathGlobFilter", glob)
                .load(path);
        // inputFiles() comes from the file listing alone, so no file is read to find out that there is none.
        if (files.inputFiles().length == 0) {
            throw new UserInputException("no files matching '" + glob + "' in " + what + " " + path);
        }
        // Spark packs files into partitions as if opening one cost as much as reading 4 MB: thousands of small
        // documents make hundreds of tiny tasks. A few partitions per core keep every core busy.
        int partitions = Math.min(files.rdd().getNumPartitions(), PARTITIONS_PER_CORE
                * spark.sparkContext().defaultParallelism());
        return files.coalesce(Math.max(1, partitions));
    }

    /** The folder, or a file's parent folder, as an absolute path without scheme: the prefix of its files' paths. */
    static String root(SparkSession spark, String path, String what) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new UserInputException(what + " not found: " + path);
            }
            FileStatus status = fs.getFileStatus(p);
            Path folder = status.isDirectory() ? status.getPath() : status.getPath().getParent();
            return folder.toUri().getPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + what + " " + path, e);
        }
    }

    /** The path of a file, as the binaryFile source gives it (a Hadoop path string), relative to {@code root}. */
    static String relativePath(String file, String root) {
        return relativePath(new Path(file).toUri(), root);
    }

    /** The path of a file, as a URI (Spark's {@code _metadata.file_path}), relative to {@code root}, / separated. */
    static String relativePath(URI file, String root) {
        String path = file.getPath();
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!path.startsWith(prefix)) {
            throw new IllegalStateException(file + " is not under " + root);
        }
        return path.substring(prefix.length());
    }
}
