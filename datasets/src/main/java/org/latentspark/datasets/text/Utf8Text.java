package org.latentspark.datasets.text;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.latentspark.common.UserInputException;

/**
 * Strict UTF-8 decoding of text files: a byte sequence that is not UTF-8 is an error naming the file and the line,
 * where Java's and Spark's default decoding would silently replace it with U+FFFD.
 */
final class Utf8Text {
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private Utf8Text() {
    }

    /** Decodes a whole file. */
    static String decode(byte[] bytes, String file) {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw invalid(file, line);
        }
        return out.flip().toString();
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static UserInputException invalid(String file, long line) {
        return new UserInputException(file + " line " + line + ": invalid UTF-8 (text files must be UTF-8)");
    }

    /**
     * The lines of a stream, split at {@code \n} (a {@code \r} before it is dropped) and each decoded strictly;
     * a byte order mark at the start is skipped.
     */
    static final class Lines implements Closeable {
        private final InputStream in;
        private final String file;
        private final CharsetDecoder decoder = strictDecoder();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long number;

        Lines(InputStream in, String file) {
            this.in = in;
            this.file = file;
        }

        /** The next line, or null at the end of the stream. */
        String next() {
            line.reset();
            boolean ended = false;
            while (!ended) {
                if (position == limit && !fill()) {
                    if (line.size() == 0) {
                        return null;
                    }
                    break;
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                line.write(buffer, start, position - start);
                if (position < limit) {
                    position++;
                    ended = true;
                }
            }
            number++;
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            String text;
            try {
                text = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                throw invalid(file, number);
            }
            return number == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        }

        private boolean fill() {
            try {
                int n = in.read(buffer);
                position = 0;
                limit = Math.max(n, 0);
                return n > 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        String file() {
            return file;
        }

        /** The number of the line last returned, from 1. */
        long number() {
            return number;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }
    }
}
