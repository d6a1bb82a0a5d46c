package org.latentspark.datasets.neural;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;

/**
 * Sessions from two Parquet tables, as a data lake keeps spikes: a spike table with one row per spike
 * ({@code session} string, {@code unit} integer, {@code time} seconds) and a trial table with one row per trial
 * ({@code session}, {@code start_time}, {@code stop_time}, optionally the condition column, and any other numeric
 * columns as event times). Each session's trials are numbered in order of start time; its units are the units that
 * spiked in it, in id order. Both tables are collected to the driver, like the files of the other readers.
 */
public final class ParquetSpikeTable {
    public static final String SESSION = "session";
    public static final String UNIT = "unit";
    public static final String TIME = "time";

    private ParquetSpikeTable() {
    }

    /**
     * @param spikesPath      the spike table, any Hadoop URI Spark reads Parquet from
     * @param trialsPath      the trial table
     * @param conditionColumn the trial table's column of conditions; null or blank: none
     */
    public static List<SpikeRecording> read(SparkSession spark, String spikesPath, String trialsPath,
                                            String conditionColumn) {
        Dataset<Row> spikes = parquet(spark, spikesPath, "spike table");
        require(spikes.schema(), spikesPath, SESSION, DataTypes.StringType);
        require(spikes.schema(), spikesPath, UNIT, DataTypes.LongType);
        require(spikes.schema(), spikesPath, TIME, DataTypes.DoubleType);
        Dataset<Row> trials = parquet(spark, trialsPath, "trial table");
        StructType trialSchema = trials.schema();
        require(trialSchema, trialsPath, SESSION, DataTypes.StringType);
        require(trialSchema, trialsPath, NwbReader.START_TIME, DataTypes.DoubleType);
        require(trialSchema, trialsPath, NwbReader.STOP_TIME, DataTypes.DoubleType);
        boolean withConditions = conditionColumn != null && !conditionColumn.isBlank();
        if (withConditions) {
            field(trialSchema, trialsPath, conditionColumn);
        }
        List<String> events = new ArrayList<>();
        for (StructField f : trialSchema.fields()) {
            if (f.dataType() instanceof NumericType && !List.of(SESSION, NwbReader.START_TIME, NwbReader.STOP_TIME)
                    .contains(f.name()) && !f.name().equals(conditionColumn)) {
                events.add(f.name());
            }
        }
        Map<String, TreeMap<Long, double[]>> trains = spikeTrains(spikes, spikesPath);
        Map<String, List<Row>> trialRows = trialRows(trials, trialsPath, conditionColumn, events);
        for (String session : trains.keySet()) {
            if (!trialRows.containsKey(session)) {
                throw new UserInputException("session '" + session + "' of spike table " + spikesPath
                        + " has no trials in trial table " + trialsPath);
            }
        }
        List<SpikeRecording> sessions = new ArrayList<>();
        for (Map.Entry<String, List<Row>> entry : trialRows.entrySet()) {
            String session = entry.getKey();
            List<Row> rows = entry.getValue();
            TreeMap<Long, double[]> units = trains.getOrDefault(session, new TreeMap<>());
            double[] starts = new double[rows.size()];
            double[] stops = new double[rows.size()];
            String[] conditions = withConditions ? new String[rows.size()] : null;
            Map<String, double[]> eventTimes = new LinkedHashMap<>();
            events.forEach(e -> eventTimes.put(e, new double[rows.size()]));
            for (int t = 0; t < rows.size(); t++) {
                Row row = rows.get(t);
                starts[t] = row.getDouble(1);
                stops[t] = row.getDouble(2);
                if (withConditions) {
                    conditions[t] = row.isNullAt(3) ? null : row.getString(3);
                }
                for (int e = 0; e < events.size(); e++) {
                    int column = 4 + e;
                    eventTimes.get(events.get(e))[t] = row.isNullAt(column) ? Double.NaN : row.getDouble(column);
                }
            }
            sessions.add(new SpikeRecording(session, units.keySet().stream().mapToLong(Long::longValue).toArray(),
                    units.values().toArray(double[][]::new), starts, stops, conditions, eventTimes,
                    spikesPath + " (session " + session + ")"));
        }
        return sessions;
    }

    private static Map<String, TreeMap<Long, double[]>> spikeTrains(Dataset<Row> spikes, String path) {
        List<Row> grouped = spikes
                .groupBy(col(SESSION), col(UNIT).cast(DataTypes.LongType))
                .agg(collect_list(col(TIME).cast(DataTypes.DoubleType)))
                .collectAsList();
        Map<String, TreeMap<Long, double[]>> trains = new TreeMap<>();
        for (Row row : grouped) {
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new UserInputException("spike table " + path + " has spikes with a null " + SESSION + " or "
                        + UNIT);
            }
            List<Double> times = row.getList(2);
            double[] train = new double[times.size()];
            for (int i = 0; i < train.length; i++) {
                Double time = times.get(i);
                train[i] = time == null ? Double.NaN : time;
            }
            Arrays.sort(train);
            trains.computeIfAbsent(row.getString(0), s -> new TreeMap<>()).put(row.getLong(1), train);
        }
        return trains;
    }

    /** Per session, its trials ordered by start time: session, start, stop, condition (or null), events. */
    private static Map<String, List<Row>> trialRows(Dataset<Row> trials, String path, String conditionColumn,
                                                    List<String> events) {
        List<Column> columns = new ArrayList<>(List.of(col(SESSION),
                col(NwbReader.START_TIME).cast(DataTypes.DoubleType),
                col(NwbReader.STOP_TIME).cast(DataTypes.DoubleType),
                conditionColumn == null || conditionColumn.isBlank()
                        ? lit(null).cast(DataTypes.StringType)
                        : col(conditionColumn).cast(DataTypes.StringType)));
        events.forEach(e -> columns.add(col(e).cast(DataTypes.DoubleType)));
        List<Row> rows = trials.select(columns.toArray(Column[]::new))
                .orderBy(col(SESSION), col(NwbReader.START_TIME)).collectAsList();
        Map<String, List<Row>> bySession = new TreeMap<>();
        for (Row row : rows) {
            if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2)) {
                throw new UserInputException("trial table " + path + " has a trial with a null " + SESSION + ", "
                        + NwbReader.START_TIME + " or " + NwbReader.STOP_TIME);
            }
            bySession.computeIfAbsent(row.getString(0), s -> new ArrayList<>()).add(row);
        }
        if (bySession.isEmpty()) {
            throw new UserInputException("trial table " + path + " has no trials");
        }
        return bySession;
    }

    private static Dataset<Row> parquet(SparkSession spark, String path, String what) {
        try {
            return spark.read().parquet(path);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new UserInputException(what + " " + path + " cannot be read as Parquet: "
                        + ((AnalysisException) e).getSimpleMessage(), e);
            }
            throw e;
        }
    }

    private static StructField field(StructType schema, String path, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new UserInputException(path + " has no column '" + name + "' (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        return schema.apply(name);
    }

    /** The column must exist and be of the expected kind: text, integer, or any number. */
    private static void require(StructType schema, String path, String name, DataType expected) {
        DataType type = field(schema, path, name).dataType();
        boolean ok = expected == DataTypes.StringType ? type == DataTypes.StringType
                : expected == DataTypes.LongType ? type == DataTypes.LongType || type == DataTypes.IntegerType
                        || type == DataTypes.ShortType || type == DataTypes.ByteType
                : type instanceof NumericType;
        if (!ok) {
            String kind = expected == DataTypes.StringType ? "string" : expected == DataTypes.LongType ? "an integer"
                    : "a number";
            throw new UserInputException(path + ": column '" + name + "' must be " + kind + ", is "
                    + type.simpleString());
        }
    }
}
