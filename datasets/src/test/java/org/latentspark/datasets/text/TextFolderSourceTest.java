package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class TextFolderSourceTest {
    @TempDir
    Path root;

    @Test
    void oneDocumentPerFileWithRelativePathIds() {
        TextTestData.write(root, "a.txt", "Alpha beta\n");
        TextTestData.write(root, "news/b c.txt", "Gämma");
        TextTestData.write(root, "news/.hidden.txt", "skipped");
        TextTestData.write(root, "_SUCCESS", "skipped");

        Dataset<Row> docs = new TextFolderSource(root.toString()).read(SharedSpark.spark());

        assertEquals(TextSchema.DOCUMENT, docs.schema());
        assertEquals(Map.of("a.txt", "Alpha beta\n", "news/b c.txt", "Gämma"), TextTestData.texts(docs));
    }

    @Test
    void theGlobSelectsFiles() {
        TextTestData.write(root, "a.txt", "kept");
        TextTestData.write(root, "b.md", "dropped");

        Dataset<Row> docs = new TextFolderSource(root.toString(), "*.txt").read(SharedSpark.spark());

        assertEquals(Map.of("a.txt", "kept"), TextTestData.texts(docs));
    }

    @Test
    void invalidUtf8IsNamedWithFileAndLine() {
        TextTestData.write(root, "good.txt", "fine");
        TextTestData.write(root, "bad.txt", "line one\nline two\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        Dataset<Row> docs = new TextFolderSource(root.toString()).read(SharedSpark.spark());
        UserInputException e = TextTestData.userError(docs::collectAsList);

        assertTrue(e.getMessage().contains("bad.txt line 3: invalid UTF-8"), e.getMessage());
    }

    @Test
    void missingFolderAndEmptyFolderAreNamed() {
        String missing = root.resolve("nowhere").toString();
        UserInputException notFound = TextTestData.userError(
                () -> new TextFolderSource(missing).read(SharedSpark.spark()));
        assertEquals("text folder not found: " + missing, notFound.getMessage());

        UserInputException none = TextTestData.userError(
                () -> new TextFolderSource(root.toString()).read(SharedSpark.spark()));
        assertEquals("no files matching '*' in text folder " + root, none.getMessage());
    }
}
