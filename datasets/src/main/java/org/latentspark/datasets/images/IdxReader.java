package org.latentspark.datasets.images;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.latentspark.common.UserInputException;

/**
 * Parses IDX files, the format of MNIST and Fashion-MNIST: a magic number {@code 00 00 type dims}, one
 * big-endian int per dimension, then the data. Only type 0x08 (unsigned byte) is supported, which is what
 * those datasets use. Files may be raw or gzip; gzip is recognised by its magic bytes, not by the name.
 * Files are opened through Hadoop's FileSystem so any Hadoop URI works.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    /** One parsed IDX file: its dimensions and its data, row-major. */
    public static final class IdxData {
        private final String path;
        private final int[] dims;
        private final byte[] data;

        IdxData(String path, int[] dims, byte[] data) {
            this.path = path;
            this.dims = dims;
            this.data = data;
        }

        public String path() {
            return path;
        }

        public int[] dims() {
            return dims.clone();
        }

        /** The first dimension: the number of items (images or labels). */
        public int count() {
            return dims[0];
        }

        /** The data as stored, unsigned bytes; not copied, do not modify. */
        public byte[] data() {
            return data;
        }
    }

    private IdxReader() {
    }

    /**
     * Reads an unsigned-byte IDX file with the given number of dimensions (3 for images, 1 for labels).
     *
     * @throws UserInputException naming the file when it is missing, not IDX, of another type or shape, or truncated
     */
    public static IdxData read(String path, Configuration conf, int expectedDims) {
        Path p = new Path(path);
        try (InputStream in = open(p.getFileSystem(conf), p)) {
            byte[] magic = readExactly(in, 4, path, "a 4-byte magic number");
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
            int foundMagic = ((magic[0] & 0xff) << 24) | ((magic[1] & 0xff) << 16) | ((magic[2] & 0xff) << 8) | (magic[3] & 0xff);
            if (magic[0] != 0 || magic[1] != 0) {
                throw new UserInputException(String.format(
                        "%s is not an IDX file: magic number 0x%08X, expected 0x%08X", path, foundMagic, expectedMagic));
            }
            int type = magic[2] & 0xff;
            if (type != UNSIGNED_BYTE) {
                throw new UserInputException(String.format(
                        "%s has unsupported IDX data type 0x%02X (%s); only 0x08 (unsigned byte) is supported",
                        path, type, typeName(type)));
            }
            int dimCount = magic[3] & 0xff;
            if (dimCount != expectedDims) {
                throw new UserInputException(String.format(
                        "%s has magic number 0x%08X (%d dimensions), expected 0x%08X (%d dimensions)",
                        path, foundMagic, dimCount, expectedMagic, expectedDims));
            }
            byte[] header = readExactly(in, 4 * dimCount, path, dimCount + " dimension sizes");
            int[] dims = new int[dimCount];
            long size = 1;
            for (int i = 0; i < dimCount; i++) {
                dims[i] = ((header[4 * i] & 0xff) << 24) | ((header[4 * i + 1] & 0xff) << 16)
                        | ((header[4 * i + 2] & 0xff) << 8) | (header[4 * i + 3] & 0xff);
                if (dims[i] < 0) {
                    throw new UserInputException(path + " declares a negative dimension size: " + Arrays.toString(dims));
                }
                size *= dims[i];
            }
            // One Java array holds the data; larger files would need splitting, which no IDX dataset needs.
            if (size > Integer.MAX_VALUE - 8) {
                throw new UserInputException(path + " declares " + size + " bytes of data, more than one array can hold");
            }
            byte[] data = readExactly(in, (int) size, path, size + " bytes of data");
            if (in.read() != -1) {
                throw new UserInputException(path + " has more data than its header declares: expected " + size
                        + " bytes of data, found more");
            }
            return new IdxData(path, dims, data);
        } catch (FileNotFoundException e) {
            String hint = path.contains(FashionMnist.DEBIAN_DIR.toString()) ? " (the Debian package "
                    + FashionMnist.DEBIAN_PACKAGE + " puts it there: apt-get install " + FashionMnist.DEBIAN_PACKAGE
                    + "; or set dataset.path to your copy)" : "";
            throw new UserInputException("IDX file not found: " + path + hint, e);
        } catch (ZipException e) {
            throw new UserInputException(path + " is not valid gzip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + path, e);
        }
    }

    private static InputStream open(FileSystem fs, Path path) throws IOException {
        InputStream in = new BufferedInputStream(fs.open(path));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads exactly n bytes; a short read, or a gzip stream that ends early, means a truncated file. */
    private static byte[] readExactly(InputStream in, int n, String path, String what) throws IOException {
        byte[] buf = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(buf, off, n - off);
                if (r < 0) {
                    break;
                }
                off += r;
            }
        } catch (EOFException e) {
            // GZIPInputStream signals a cut-off stream this way; report it like a short raw file.
        }
        if (off < n) {
            throw new UserInputException(path + " is truncated: expected " + what + ", found " + off + " bytes");
        }
        return buf;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
