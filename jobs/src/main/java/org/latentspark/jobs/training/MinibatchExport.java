package org.latentspark.jobs.training;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.datavec.spark.util.SerializableHadoopConfig;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Writes one epoch's minibatches as files in a directory every executor reaches (the run's scratch under
 * --output), for DL4J's path-based training. DL4J's own Export approach refuses to run when the default Hadoop file
 * system is local and Spark is not in local mode, which is every multi-process run on one host; writing the files
 * here works on any Hadoop file system and lets the trainer count what each executor actually trains.
 * A retried task rewrites the same names, so the directory never holds a minibatch twice.
 */
public final class MinibatchExport {
    private MinibatchExport() {
    }

    /** One exported minibatch: its file and its number of examples. */
    public record Minibatch(String path, long examples) implements java.io.Serializable {
    }

    /** The exported minibatches, in a fixed order. */
    public record Exported(List<Minibatch> minibatches) {
        public Exported {
            minibatches = List.copyOf(minibatches);
        }

        public List<String> paths() {
            return minibatches.stream().map(Minibatch::path).toList();
        }

        public long examples() {
            return minibatches.stream().mapToLong(Minibatch::examples).sum();
        }
    }

    public static Exported write(JavaSparkContext sc, JavaRDD<MultiDataSet> batches, String directory) {
        Broadcast<SerializableHadoopConfig> hadoop = BroadcastHadoopConfigHolder.get(sc);
        List<Minibatch> written = batches.mapPartitionsWithIndex((partition, minibatches) -> {
            Configuration conf = hadoop.value().getConfiguration();
            List<Minibatch> out = new ArrayList<>();
            for (int i = 0; minibatches.hasNext(); i++) {
                MultiDataSet minibatch = minibatches.next();
                Path path = new Path(String.format("%s/part-%05d-%05d.bin", directory, partition, i));
                try (OutputStream stream = fileSystem(path, conf).create(path, true)) {
                    MinibatchCodec.write(minibatch, stream);
                }
                out.add(new Minibatch(path.toString(), minibatch.getFeatures(0).size(0)));
            }
            return out.iterator();
        }, false).collect();
        List<Minibatch> sorted = new ArrayList<>(written);
        sorted.sort(Comparator.comparing(Minibatch::path));
        return new Exported(sorted);
    }

    /**
     * The file system of {@code path}; for local paths the raw one, without Hadoop's checksum side files, and
     * without the chmod process Hadoop's local file system forks for every file it creates where its native
     * library is missing.
     */
    static FileSystem fileSystem(Path path, Configuration conf) throws java.io.IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }
}
