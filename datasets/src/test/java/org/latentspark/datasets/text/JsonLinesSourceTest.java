package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class JsonLinesSourceTest {
    @TempDir
    Path root;

    @Test
    void idsAreFileAndLineByDefaultAndBlankLinesAreSkipped() {
        TextTestData.write(root, "a.jsonl", "{\"text\": \"first\"}\r\n\n{\"text\": \"thïrd\", \"other\": 1}\n");
        TextTestData.write(root, "sub/b c.jsonl", "{\"text\": \"\"}");

        Dataset<Row> docs = JsonLinesSource.builder(root.toString()).build().read(SharedSpark.spark());

        assertEquals(TextSchema.DOCUMENT, docs.schema());
        assertEquals(Map.of("a.jsonl:1", "first", "a.jsonl:3", "thïrd", "sub/b c.jsonl:1", ""),
                TextTestData.texts(docs));
    }

    @Test
    void idsComeFromTheIdFieldAsStringOrInteger() {
        Path file = TextTestData.write(root, "docs.jsonl",
                "{\"body\": \"one\", \"key\": \"x-1\"}\n{\"body\": \"two\", \"key\": 2}\n");

        Dataset<Row> docs = JsonLinesSource.builder(file.toString()).textField("body").idField("key").build()
                .read(SharedSpark.spark());

        assertEquals(Map.of("x-1", "one", "2", "two"), TextTestData.texts(docs));
    }

    @Test
    void readsGzippedFilesAndOnlyThoseMatchingTheGlob() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("{\"text\": \"zipped\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        TextTestData.write(root, "part-1.jsonl.gz", gz.toByteArray());
        TextTestData.write(root, "notes.txt", "not JSON");

        Dataset<Row> docs = JsonLinesSource.builder(root.toString()).glob("*.jsonl*").build().read(SharedSpark.spark());

        assertEquals(Map.of("part-1.jsonl.gz:1", "zipped"), TextTestData.texts(docs));
    }

    @Test
    void aLineThatIsNotJsonIsNamedByFileAndLine() {
        TextTestData.write(root, "bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"ok\"}\n{\"text\": oops}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.contains("bad.jsonl line 3: not JSON"), message);
    }

    @Test
    void trailingContentAfterTheObjectIsNotJson() {
        TextTestData.write(root, "bad.jsonl", "{\"text\": \"a\"} {\"text\": \"b\"}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.contains("bad.jsonl line 1: not JSON"), message);
    }

    @Test
    void aLineThatIsNotAnObjectIsNamed() {
        TextTestData.write(root, "bad.jsonl", "[\"text\"]\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.endsWith("bad.jsonl line 1: not a JSON object"), message);
    }

    @Test
    void aMissingTextFieldIsNamedWithFileAndLine() {
        TextTestData.write(root, "docs.jsonl", "{\"body\": \"ok\"}\n{\"text\": \"ok\"}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).textField("body").build());

        assertTrue(message.endsWith("docs.jsonl line 2: text field 'body' is missing"), message);
    }

    @Test
    void aTextFieldThatIsNotAStringIsNamedWithItsType() {
        TextTestData.write(root, "docs.jsonl", "{\"text\": 42}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.endsWith("docs.jsonl line 1: text field 'text' is a number, expected a string"), message);
    }

    @Test
    void aNullTextIsAnError() {
        TextTestData.write(root, "docs.jsonl", "{\"text\": \"a\"}\n{\"text\": null}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.endsWith("docs.jsonl line 2: text field 'text' is null, expected a string"), message);
    }

    @Test
    void aBadIdFieldIsNamed() {
        TextTestData.write(root, "docs.jsonl", "{\"text\": \"a\", \"id\": \"1\"}\n{\"text\": \"b\", \"id\": 2.5}\n");

        String message = errorReading(JsonLinesSource.builder(root.toString()).idField("id").build());

        assertTrue(message.endsWith("docs.jsonl line 2: id field 'id' is a number, expected a string or an integer"),
                message);
    }

    @Test
    void invalidUtf8IsNamedWithFileAndLine() {
        byte[] latin1 = "{\"text\": \"ok\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        TextTestData.write(root, "latin1.jsonl", latin1);

        String message = errorReading(JsonLinesSource.builder(root.toString()).build());

        assertTrue(message.contains("latin1.jsonl line 2: invalid UTF-8"), message);
    }

    @Test
    void missingInputAndEmptyFolderAreNamed() {
        String missing = root.resolve("nowhere").toString();
        UserInputException notFound = TextTestData.userError(
                () -> JsonLinesSource.builder(missing).build().read(SharedSpark.spark()));
        assertEquals("JSON Lines input not found: " + missing, notFound.getMessage());

        TextTestData.write(root, "readme.md", "hello");
        UserInputException none = TextTestData.userError(
                () -> JsonLinesSource.builder(root.toString()).glob("*.jsonl").build().read(SharedSpark.spark()));
        assertEquals("no files matching '*.jsonl' in JSON Lines input " + root, none.getMessage());
    }

    private static String errorReading(JsonLinesSource source) {
        return TextTestData.userError(() -> source.read(SharedSpark.spark()).collectAsList()).getMessage();
    }
}
