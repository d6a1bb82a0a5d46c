package org.latentspark.datasets.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.TextSchema;

/**
 * Documents in JSON Lines files (one JSON object per line, <a href="https://jsonlines.org">jsonlines.org</a>):
 * one file, or every file under a folder whose name matches a glob. Files compressed with a codec Hadoop knows
 * by extension ({@code .gz}, {@code .bz2}, ...) are decompressed. Blank lines are skipped.
 *
 * <p>Each file is streamed line by line in one task and decoded as strict UTF-8, so that every error names the
 * file and line: a line that is not a JSON object, invalid UTF-8, a text field that is missing or not a string,
 * an id field that is missing or neither a string nor an integer. (Spark's JSON reader knows no line numbers
 * and replaces invalid UTF-8 silently.) Ids come from the id field when one is named, else they are the file's
 * path relative to the folder (its name, for a single file), a colon and the line number: {@code part-1.jsonl:42}.
 */
public final class JsonLinesSource implements TextSource {
    private static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String path;
    private final String glob;
    private final String textField;
    private final String idField;

    private JsonLinesSource(Builder b) {
        this.path = b.path;
        this.glob = b.glob;
        this.textField = b.textField;
        this.idField = b.idField;
    }

    /** @param path a JSON Lines file or a folder of them, any Hadoop URI */
    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** Options of a JsonLinesSource; every one has a default. */
    public static final class Builder {
        private final String path;
        private String glob = "*";
        private String textField = "text";
        private String idField;

        private Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Names of the files read in a folder; default {@code *}, all. */
        public Builder glob(String pattern) {
            this.glob = Objects.requireNonNull(pattern, "glob");
            return this;
        }

        /** The string field holding each document's text; default {@code text}. */
        public Builder textField(String name) {
            this.textField = Objects.requireNonNull(name, "textField");
            return this;
        }

        /** The field holding each document's id (a string or an integer); default none, ids are file:line. */
        public Builder idField(String name) {
            this.idField = name;
            return this;
        }

        public JsonLinesSource build() {
            return new JsonLinesSource(this);
        }
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        String root = InputFiles.root(spark, path, "JSON Lines input");
        Dataset<Row> files = InputFiles.load(spark, path, glob, "JSON Lines input").select(InputFiles.PATH);
        Broadcast<SerializableConfiguration> conf = new JavaSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        // Locals, so that the task closure does not capture this source, which is not serializable.
        String textField = this.textField;
        String idField = this.idField;
        FlatMapFunction<Row, Row> parse = row -> {
            String file = row.getString(0);
            Utf8Text.Lines lines = new Utf8Text.Lines(open(file, conf.value().get()), file);
            // Closed at the end of the file, or by the task when it ends sooner (failed, or a limit was reached).
            TaskContext.get().addTaskCompletionListener((TaskCompletionListener) context -> lines.close());
            return new Documents(lines, InputFiles.relativePath(file, root), textField, idField);
        };
        return files.flatMap(parse, Encoders.row(TextSchema.DOCUMENT));
    }

    private static InputStream open(String file, Configuration conf) throws IOException {
        Path p = new Path(file);
        InputStream in = p.getFileSystem(conf).open(p);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
        return codec == null ? in : codec.createInputStream(in);
    }

    /** The documents of one file, parsed as its lines are read. */
    private static final class Documents implements Iterator<Row> {
        private final Utf8Text.Lines lines;
        private final String name;
        private final String textField;
        private final String idField;
        private Row next;

        Documents(Utf8Text.Lines lines, String name, String textField, String idField) {
            this.lines = lines;
            this.name = name;
            this.textField = textField;
            this.idField = idField;
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Row next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Row row = next;
            advance();
            return row;
        }

        private void advance() {
            String line;
            do {
                line = lines.next();
            } while (line != null && line.isBlank());
            if (line == null) {
                lines.close();
                next = null;
                return;
            }
            String where = lines.file() + " line " + lines.number();
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
                // Valid JSON, but past the parser's size limits (a string of over 20 million characters).
                throw new UserInputException(where + ": a line of " + line.length() + " characters, larger than the "
                        + "JSON reader's limits (" + e.getOriginalMessage() + "); split that document into smaller ones");
            } catch (JsonProcessingException e) {
                throw new UserInputException(where + ": not JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!node.isObject()) {
                throw new UserInputException(where + ": not a JSON object");
            }
            next = RowFactory.create(id(node, where), text(node, where));
        }

        private String text(JsonNode node, String where) {
            JsonNode value = node.get(textField);
            if (value == null) {
                throw new UserInputException(where + ": text field '" + textField + "' is missing");
            }
            if (!value.isTextual()) {
                throw new UserInputException(where + ": text field '" + textField + "' is " + kind(value)
                        + ", expected a string");
            }
            return value.textValue();
        }

        private String id(JsonNode node, String where) {
            if (idField == null) {
                return name + ":" + lines.number();
            }
            JsonNode value = node.get(idField);
            if (value != null && value.isIntegralNumber()) {
                return value.asText();
            }
            if (value == null || !value.isTextual()) {
                throw new UserInputException(where + ": id field '" + idField + "' is "
                        + (value == null ? "missing" : kind(value)) + ", expected a string or an integer");
            }
            return value.textValue();
        }

        private static String kind(JsonNode value) {
            String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
            return value.isNull() ? "null" : (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
        }
    }
}
