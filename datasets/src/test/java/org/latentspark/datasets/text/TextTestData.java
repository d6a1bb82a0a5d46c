package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.function.Executable;
import org.latentspark.common.UserInputException;

/** Small helpers of the text tests. */
final class TextTestData {
    private TextTestData() {
    }

    /** Writes {@code content} (UTF-8) to {@code dir/name}, creating folders, and returns the path. */
    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Documents (id, text) by id. */
    static Map<String, String> texts(Dataset<Row> documents) {
        Map<String, String> byId = new TreeMap<>();
        for (Row row : documents.collectAsList()) {
            byId.put(row.getString(0), row.getString(1));
        }
        return byId;
    }

    /**
     * Runs code expected to fail with a UserInputException, directly or, when thrown in a Spark task, as the
     * cause of the SparkException that aborts the job; returns it.
     */
    static UserInputException userError(Executable code) {
        Throwable thrown = assertThrows(Throwable.class, code);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UserInputException e) {
                return e;
            }
        }
        throw new AssertionError("expected a UserInputException, got " + thrown, thrown);
    }
}
