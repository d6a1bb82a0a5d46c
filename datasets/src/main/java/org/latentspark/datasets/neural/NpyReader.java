package org.latentspark.datasets.neural;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/**
 * Reads a one-dimensional integer array from a NumPy {@code .npy} file (format versions 1 to 3), as Kilosort and
 * Phy write spike times and cluster ids: signed or unsigned 1-, 2-, 4- or 8-byte integers of either byte order, of
 * shape (n,), (n, 1) or (1, n). ND4J's {@code Nd4j.createFromNpyFile} was tried first and is not safe on user
 * files: a big-endian file aborts the JVM in native code, a truncated one is read past its end, and uint32 arrays
 * fail on access.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([iu])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 16;

    private NpyReader() {
    }

    /** The array in a file on any Hadoop URI, widened to long; a UserInputException naming the file otherwise. */
    static long[] readIntegers(String path, Configuration conf) {
        HadoopFiles files = new HadoopFiles(conf);
        if (!files.exists(path)) {
            throw new UserInputException(path + " does not exist");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(files.open(path)))) {
            return read(in, path);
        } catch (EOFException e) {
            throw new UserInputException(path + " is truncated: it ends before its data does", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static long[] read(DataInputStream in, String path) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new UserInputException(path + " is not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        if (major < 1 || major > 3) {
            throw new UserInputException(path + ": unsupported .npy format version " + major);
        }
        int headerLength = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                : Integer.reverseBytes(in.readInt());
        if (headerLength < 0) {
            throw new UserInputException(path + ": .npy header length " + headerLength + " is invalid");
        }
        byte[] headerBytes = new byte[headerLength];
        in.readFully(headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new UserInputException(path + ": dtype must be an integer type (int8 to int64, uint8 to uint64), "
                    + "header is " + header.trim());
        }
        ByteOrder order = ">".equals(descr.group(1)) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean unsigned = "u".equals(descr.group(2));
        int width = Integer.parseInt(descr.group(3));
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new UserInputException(path + ": unsupported integer width of " + width + " bytes");
        }
        long count = count(header, path);
        if (count > Integer.MAX_VALUE - 8) {
            throw new UserInputException(path + " holds " + count + " values, more than one array can");
        }
        long[] values = new long[(int) count];
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK - CHUNK % width).order(order);
        int next = 0;
        while (next < values.length) {
            int bytes = (int) Math.min(buffer.capacity(), (long) (values.length - next) * width);
            buffer.clear();
            in.readFully(buffer.array(), 0, bytes);
            buffer.limit(bytes);
            while (buffer.hasRemaining()) {
                values[next] = value(buffer, width, unsigned);
                if (values[next] < 0 && unsigned) {
                    throw new UserInputException(path + ": value " + next + " exceeds the largest signed 64-bit "
                            + "integer");
                }
                next++;
            }
        }
        return values;
    }

    private static long count(String header, String path) {
        Matcher shape = SHAPE.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        if (!shape.find() || !fortran.find()) {
            throw new UserInputException(path + ": .npy header has no shape or fortran_order: " + header.trim());
        }
        String[] dims = shape.group(1).replace(" ", "").split(",");
        long count = 1;
        int nonUnit = 0;
        for (String dim : dims) {
            if (dim.isEmpty()) {
                continue;
            }
            long d = Long.parseLong(dim);
            count *= d;
            nonUnit += d == 1 ? 0 : 1;
        }
        if (nonUnit > 1 || dims.length > 2) {
            throw new UserInputException(path + " must hold a vector, shape (n,) or (n, 1); has shape ("
                    + shape.group(1) + ")");
        }
        return count;
    }

    private static long value(ByteBuffer buffer, int width, boolean unsigned) {
        switch (width) {
            case 1:
                return unsigned ? Byte.toUnsignedLong(buffer.get()) : buffer.get();
            case 2:
                return unsigned ? Short.toUnsignedLong(buffer.getShort()) : buffer.getShort();
            case 4:
                return unsigned ? Integer.toUnsignedLong(buffer.getInt()) : buffer.getInt();
            default:
                return buffer.getLong();
        }
    }
}
