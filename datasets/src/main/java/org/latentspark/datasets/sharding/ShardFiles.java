package org.latentspark.datasets.sharding;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** The Parquet files of a dataset directory as its manifest lists them: path relative to the directory and SHA-256. */
final class ShardFiles {
    /** One file: its path relative to the dataset directory, and its size. */
    record Listed(String path, Path absolute, long bytes) {
    }

    private ShardFiles() {
    }

    /** Every {@code .parquet} file under {@code root}, at any depth, in path order. */
    static List<Listed> list(FileSystem fs, Path root) throws IOException {
        String rootUri = fs.getFileStatus(root).getPath().toString();
        List<Listed> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus status = it.next();
            if (status.getPath().getName().endsWith(".parquet")) {
                out.add(new Listed(status.getPath().toString().substring(rootUri.length() + 1), status.getPath(),
                        status.getLen()));
            }
        }
        out.sort(Comparator.comparing(Listed::path));
        return out;
    }

    static String sha256(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
