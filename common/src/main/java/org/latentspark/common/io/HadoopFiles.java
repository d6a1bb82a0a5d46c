package org.latentspark.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.latentspark.common.EnvironmentException;
import org.latentspark.common.UserInputException;

/** Small file operations on any Hadoop file system URI (local, HDFS, S3A, ...). */
public final class HadoopFiles {
    private final Configuration conf;

    public HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    public FileSystem fs(String path) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + path, e);
        }
    }

    public boolean exists(String path) {
        try {
            return fs(path).exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    public String readString(String path) {
        try (InputStream in = fs(path).open(new Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public byte[] readBytes(String path) {
        try (InputStream in = fs(path).open(new Path(path))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Writes a file whole: to a hidden sibling first, then renamed over the target, so readers never see half. */
    public void writeAtomically(String path, byte[] content) {
        Path target = new Path(path);
        Path temp = new Path(target.getParent(), "._tmp_" + target.getName());
        FileSystem fs = fs(path);
        try {
            try (OutputStream out = fs.create(temp, true)) {
                out.write(content);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            rename(fs, temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    public void writeString(String path, String content) {
        writeAtomically(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public OutputStream create(String path) {
        try {
            return fs(path).create(new Path(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    public InputStream open(String path) {
        try {
            return fs(path).open(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    /**
     * Makes {@code path} a directory this process can write in (creating it where missing), or fails with an
     * EnvironmentException naming it as {@code what}: a file in its place or its parent's, no permission, no store.
     */
    public void requireWritableDirectory(String path, String what) {
        try {
            FileSystem fs = fs(path);
            Path dir = new Path(path);
            if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
                throw new EnvironmentException(what + " " + path + " is a file, not a directory; name a directory");
            }
            if (!fs.mkdirs(dir)) {
                throw new EnvironmentException(what + " " + path + " cannot be created as a directory");
            }
            Path probe = new Path(dir, ".latentspark-write-probe-" + java.util.UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new EnvironmentException(what + " " + path + " cannot be written: " + e.getMessage(), e);
        }
    }

    public void mkdirs(String path) {
        try {
            fs(path).mkdirs(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    public void delete(String path) {
        try {
            fs(path).delete(new Path(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Moves a finished directory into place; the target must not exist (publication is all or nothing). */
    public void publish(String staged, String target) {
        FileSystem fs = fs(target);
        try {
            Path targetPath = new Path(target);
            if (fs.exists(targetPath)) {
                throw new UserInputException(target + " already exists: another run wrote it while this one ran; "
                        + "give concurrent runs their own --output or names");
            }
            fs.mkdirs(targetPath.getParent());
            rename(fs, new Path(staged), targetPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + staged + " to " + target, e);
        }
    }

    /**
     * Moves a finished directory into place over an earlier version of it, which stays readable until the new one
     * is complete (readers may find neither for the moment between the delete and the rename).
     */
    public void replace(String staged, String target) {
        delete(target);
        publish(staged, target);
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename of " + from + " to " + to + " failed");
        }
    }

    /** Names of the entries of a directory, or an empty array when it does not exist. */
    public String[] list(String dir) {
        try {
            FileSystem fs = fs(dir);
            Path path = new Path(dir);
            if (!fs.exists(path)) {
                return new String[0];
            }
            return java.util.Arrays.stream(fs.listStatus(path)).map(s -> s.getPath().getName()).sorted()
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
