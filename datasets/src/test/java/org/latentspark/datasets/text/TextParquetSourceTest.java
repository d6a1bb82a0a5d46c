package org.latentspark.datasets.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.schema.TextSchema;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class TextParquetSourceTest {
    private static final StructType INPUT = new StructType()
            .add("key", DataTypes.LongType)
            .add("body", DataTypes.StringType)
            .add("score", DataTypes.DoubleType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));

    @TempDir
    Path root;

    private String write(Row... rows) {
        String path = root.resolve("in dir").toString();
        SharedSpark.spark().createDataFrame(Arrays.asList(rows), INPUT).coalesce(1).write().parquet(path);
        return path;
    }

    @Test
    void idsFromAColumnCastToString() {
        String path = write(RowFactory.create(7L, "seven", 1.0, null), RowFactory.create(8L, "eight", 2.0, null));

        Dataset<Row> docs = new TextParquetSource(path, "body", "key").read(SharedSpark.spark());

        assertEquals(TextSchema.DOCUMENT, docs.schema());
        assertEquals(Map.of("7", "seven", "8", "eight"), TextTestData.texts(docs));
    }

    @Test
    void withoutIdColumnIdsAreFileAndRow() {
        String path = write(RowFactory.create(1L, "same", 0.0, null), RowFactory.create(2L, "same", 0.0, null));

        Map<String, String> docs = TextTestData.texts(new TextParquetSource(path, "body", null).read(SharedSpark.spark()));

        List<String> ids = List.copyOf(docs.keySet());
        assertEquals(2, ids.size());
        String file = ids.get(0).substring(0, ids.get(0).lastIndexOf(':'));
        assertEquals(List.of(file + ":0", file + ":1"), ids);
        assertEquals(true, file.startsWith("part-") && file.endsWith(".parquet"), file);
    }

    @Test
    void aMissingColumnIsNamed() {
        String path = write(RowFactory.create(1L, "a", 0.0, null));

        String message = TextTestData.userError(
                () -> new TextParquetSource(path, "text", null).read(SharedSpark.spark())).getMessage();

        assertEquals("column 'text' not found in Parquet input " + path + "; its columns are key, body, score, tags",
                message);
    }

    @Test
    void aTextColumnThatIsNotStringIsNamed() {
        String path = write(RowFactory.create(1L, "a", 0.0, null));

        String message = TextTestData.userError(
                () -> new TextParquetSource(path, "score", null).read(SharedSpark.spark())).getMessage();

        assertEquals("column 'score' of Parquet input " + path + " has type double, expected string", message);
    }

    @Test
    void anIdColumnThatIsNotAtomicIsNamed() {
        String path = write(RowFactory.create(1L, "a", 0.0, null));

        String message = TextTestData.userError(
                () -> new TextParquetSource(path, "body", "tags").read(SharedSpark.spark())).getMessage();

        assertEquals("column 'tags' of Parquet input " + path + " has type array<string>, expected a string or a number",
                message);
    }

    @Test
    void aNullTextIsNamedWithItsRecord() {
        String path = write(RowFactory.create(1L, "a", 0.0, null), RowFactory.create(2L, null, 0.0, null));

        String message = TextTestData.userError(
                () -> new TextParquetSource(path, "body", "key").read(SharedSpark.spark()).collectAsList()).getMessage();

        assertEquals("record 2 of " + path + " has a null text in column 'body'", message);
    }
}
