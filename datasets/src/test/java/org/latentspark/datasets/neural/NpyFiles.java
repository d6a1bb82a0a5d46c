package org.latentspark.datasets.neural;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes .npy files byte by byte, as NumPy 1.x does, for the reader tests. */
final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyFiles() {
    }

    /** A .npy file's bytes holding the given values as {@code descr} (e.g. "<u8", ">i4"). */
    static byte[] encode(long[] values, String descr) {
        int width = Integer.parseInt(descr.substring(2));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + values.length + ",), }";
        int padded = dict.length() + 1 + (64 - (MAGIC.length + 4 + dict.length() + 1) % 64) % 64;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + padded + values.length * width);
        out.put(MAGIC).put((byte) 1).put((byte) 0);
        out.order(ByteOrder.LITTLE_ENDIAN).putShort((short) padded);
        out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = dict.length(); i < padded - 1; i++) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        out.order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (width) {
                case 1 -> out.put((byte) v);
                case 2 -> out.putShort((short) v);
                case 4 -> out.putInt((int) v);
                default -> out.putLong(v);
            }
        }
        return out.array();
    }
}
