package org.latentspark.datasets.text;


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
import org.latentspark.datasets.UserErrors;

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

    /** See {@link UserErrors#userError}. */
    static UserInputException userError(Executable code) {
        return UserErrors.userError(code);
    }
}
