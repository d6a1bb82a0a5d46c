package org.latentspark.datasets.neural;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/** The NWB inputs of a dataset path list. */
final class NwbFiles {
    private NwbFiles() {
    }

    /** The NWB files named: files as they are, folders expanded to their {@code *.nwb} files in name order. */
    static List<String> list(List<String> paths, Configuration conf) {
        HadoopFiles files = new HadoopFiles(conf);
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            FileSystem fs = files.fs(path);
            try {
                Path p = new Path(path);
                if (!fs.exists(p)) {
                    throw new UserInputException("NWB input " + path + " does not exist");
                }
                if (!fs.getFileStatus(p).isDirectory()) {
                    found.add(path);
                    continue;
                }
                List<String> inside = new ArrayList<>();
                for (FileStatus status : fs.listStatus(p)) {
                    if (status.isFile() && status.getPath().getName().endsWith(".nwb")) {
                        inside.add(stripSlash(path) + "/" + status.getPath().getName());
                    }
                }
                if (inside.isEmpty()) {
                    throw new UserInputException("folder " + path + " holds no .nwb files");
                }
                inside.sort(null);
                found.addAll(inside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
        }
        return found;
    }

    /** A folder path without its trailing slash, to append a name to. */
    static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
