package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class ParquetSpikeTableTest {
    private static final StructType SPIKES = new StructType().add("session", DataTypes.StringType)
            .add("unit", DataTypes.IntegerType).add("time", DataTypes.DoubleType);
    private static final StructType TRIALS = new StructType().add("session", DataTypes.StringType)
            .add("start_time", DataTypes.DoubleType).add("stop_time", DataTypes.DoubleType)
            .add("condition", DataTypes.StringType).add("go_cue_time", DataTypes.FloatType)
            .add("note", DataTypes.StringType);

    @TempDir
    Path dir;

    @Test
    void readsSessionsUnitsAndTrialsInStartOrder() {
        SparkSession spark = SharedSpark.spark();
        List<Row> spikes = new ArrayList<>();
        SpikeRecording small = TestRecordings.small("s", "memory");
        for (String session : List.of("a", "b")) {
            for (int u = 0; u < small.unitCount(); u++) {
                // Unsorted on purpose: the reader sorts each train.
                for (int i = small.spikeTimes()[u].length - 1; i >= 0; i--) {
                    spikes.add(RowFactory.create(session, (int) small.unitIds()[u], small.spikeTimes()[u][i]));
                }
            }
        }
        String spikesPath = dir.resolve("spikes").toString();
        spark.createDataFrame(spikes, SPIKES).write().parquet(spikesPath);
        String trialsPath = dir.resolve("trials").toString();
        spark.createDataFrame(List.of(
                RowFactory.create("a", 1.5, 2.5, "right", 1.75f, "x"),
                RowFactory.create("a", 0.0, 1.0, "left", 0.25f, "y"),
                RowFactory.create("b", 0.0, 1.0, "left", null, "z")), TRIALS).write().parquet(trialsPath);

        List<SpikeRecording> sessions = ParquetSpikeTable.read(spark, spikesPath, trialsPath, "condition");

        assertEquals(2, sessions.size());
        SpikeRecording a = sessions.get(0);
        assertEquals("a", a.session());
        assertArrayEquals(new long[] {11, 42}, a.unitIds(), "units that spiked, in id order");
        assertArrayEquals(small.spikeTimes()[0], a.spikeTimes()[0], 0.0);
        assertArrayEquals(small.spikeTimes()[2], a.spikeTimes()[1], 0.0);
        assertArrayEquals(new double[] {0.0, 1.5}, a.trialStarts(), 0.0);
        assertArrayEquals(new String[] {"left", "right"}, a.conditions());
        assertEquals(java.util.Set.of("go_cue_time"), a.events().keySet());
        assertArrayEquals(new double[] {0.25, 1.75}, a.event("go_cue_time"), 0.0);
        assertTrue(Double.isNaN(sessions.get(1).event("go_cue_time")[0]));
    }

    @Test
    void wrongColumnTypeNamesTableAndColumn() {
        SparkSession spark = SharedSpark.spark();
        String spikesPath = dir.resolve("spikes").toString();
        StructType textTimes = new StructType().add("session", DataTypes.StringType)
                .add("unit", DataTypes.IntegerType).add("time", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("a", 1, "0.5")), textTimes).write().parquet(spikesPath);
        UserInputException e = assertThrows(UserInputException.class,
                () -> ParquetSpikeTable.read(spark, spikesPath, dir.resolve("trials").toString(), ""));
        assertTrue(e.getMessage().contains(spikesPath + ": column 'time' must be a number, is string"),
                e.getMessage());
    }

    @Test
    void missingTableNamesItsPath() {
        String absent = dir.resolve("absent").toString();
        UserInputException e = assertThrows(UserInputException.class,
                () -> ParquetSpikeTable.read(SharedSpark.spark(), absent, absent, ""));
        assertTrue(e.getMessage().contains("spike table " + absent), e.getMessage());
    }
}
