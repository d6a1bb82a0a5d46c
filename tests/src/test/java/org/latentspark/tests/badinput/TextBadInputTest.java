package org.latentspark.tests.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;

/**
 * Bad text input through {@code shard}: JSON Lines that are not JSON or lack the text field, bytes that are not
 * UTF-8, a corpus with no term left after filtering, and an empty corpus. Each must exit with the input status,
 * one line on stderr naming the file (and line or key), and nothing at the output path.
 */
class TextBadInputTest extends BadInputCase {
    private Cli.Result shard(String format, Path path, String... sets) {
        List<String> all = new ArrayList<>(List.of("dataset.format=" + format, "dataset.path=\"" + path + "\""));
        all.addAll(List.of(sets));
        return Cli.shard(out(), all.toArray(String[]::new));
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    @Test
    void jsonLinesLineThatIsNotJson() throws IOException {
        Path file = write("corpus/docs.jsonl", "{\"text\": \"apples and pears\"}\n\n{\"text\": \"plums\"}\n"
                + "{\"text\": plums}\n");
        assertFailsCleanly(shard("jsonl", file), "docs.jsonl line 4", "not JSON");
    }

    @Test
    void jsonLinesWithoutTheTextField() throws IOException {
        Path file = write("corpus/docs.jsonl", "{\"body\": \"apples\", \"text\": \"pears\"}\n{\"body\": \"plums\"}\n");
        assertFailsCleanly(shard("jsonl", file), "docs.jsonl line 2", "text field 'text' is missing");
    }

    @Test
    void textFileThatIsNotUtf8() throws IOException {
        write("corpus/good.txt", "apples and pears");
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("apples\nand ".getBytes(StandardCharsets.UTF_8));
        latin1.writeBytes("café au lait".getBytes(StandardCharsets.ISO_8859_1));
        Path bad = write("corpus/bad.txt", latin1.toByteArray());
        assertFailsCleanly(shard("text-folder", bad.getParent()), "bad.txt line 2", "invalid UTF-8");
    }

    @Test
    void vocabularyEmptyAfterFiltering() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append("{\"text\": \"apples pears plums ").append(i).append("\"}\n");
        }
        Path file = write("corpus/docs.jsonl", lines.toString());
        assertFailsCleanly(shard("jsonl", file, "dataset.text.min-df=100"), "the vocabulary is empty",
                file.toString(), "dataset.text.min-df = 100");
    }

    @Test
    void emptyFolder() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("corpus"));
        assertFailsCleanly(shard("text-folder", folder), "no files", folder.toString());
    }

    @Test
    void emptyJsonLinesFile() throws IOException {
        Path file = write("corpus/empty.jsonl", "");
        assertFailsCleanly(shard("jsonl", file), "the corpus is empty", file.toString());
    }

    /** One document of 100 MB on one line: refused with its size and line, not as "not JSON". */
    @Test
    void jsonLinesWithA100MbLine() throws IOException {
        Path file = tmp.resolve("corpus/huge.jsonl");
        Files.createDirectories(file.getParent());
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("{\"text\": \"apples and pears\"}\n{\"text\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] words = "plum ".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 100L << 20; written += words.length) {
                out.write(words);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertFailsCleanly(shard("jsonl", file), "huge.jsonl line 2: a line of 104857", "larger than the JSON "
                + "reader's limits", "split that document");
    }

    @Test
    void jsonLinesTextFieldThatIsANumber() throws IOException {
        Path file = write("corpus/docs.jsonl", "{\"text\": 42}\n{\"text\": \"pears\"}\n");
        assertFailsCleanly(shard("jsonl", file), "docs.jsonl line 1", "text field 'text' is a number, expected a "
                + "string");
    }

    @Test
    void jsonLinesLineThatIsAnArray() throws IOException {
        Path file = write("corpus/docs.jsonl", "{\"text\": \"pears\"}\n[\"apples\", \"pears\"]\n");
        assertFailsCleanly(shard("jsonl", file), "docs.jsonl line 2", "not a JSON object");
    }
}
