package org.latentspark.datasets.neural;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.NeuralSchema;

/**
 * A truth table: the known latents and rates of simulated trials, kept in Parquet beside the recording, so that
 * data read through a real reader (NWB, Kilosort, a spike table) can still be scored against the latents that made
 * it. One row per trial, columns:
 * <ul>
 *   <li>{@code session} string: the session's name as its reader gives it (NWB: the file's name without its
 *       extension);
 *   <li>{@code trial} int: the trial's index in its session, as in {@link NeuralSchema#TRIAL} (NWB: its row in
 *       {@code /intervals/trials}; Kilosort: its row in the trial table; spike table: its rank by start time);
 *   <li>{@code bins} int: the bins the truth covers, from the start of the trial's aligned window. It must equal
 *       the window's bins: forward bins have no truth, as in {@link NeuralSchema#TRUE_LATENTS};
 *   <li>{@code latent_dim} int: d, the same in every row;
 *   <li>{@code unit_ids} array&lt;long&gt;: the units of the rate columns, ascending, the same in every row and
 *       exactly the dataset's units;
 *   <li>{@code true_latents} array&lt;float&gt;: bins × d, time-major;
 *   <li>{@code true_rates} array&lt;float&gt;: bins × units in spikes per bin, time-major, units in
 *       {@code unit_ids} order.
 * </ul>
 * The shape columns repeat in every row so that the table describes itself and no side file can go astray.
 * Rows of trials that are not binned (another session, a trial without its alignment event) are ignored; a binned
 * trial without a row is an error.
 */
public final class GroundTruth {
    public static final String SESSION = "session";
    public static final String TRIAL = "trial";
    public static final String BINS = "bins";
    public static final String LATENT_DIM = "latent_dim";
    public static final String UNIT_IDS = "unit_ids";
    public static final String TRUE_LATENTS = NeuralSchema.TRUE_LATENTS;
    public static final String TRUE_RATES = NeuralSchema.TRUE_RATES;

    private static final ArrayType IDS = DataTypes.createArrayType(DataTypes.LongType, false);
    private static final ArrayType VALUES = DataTypes.createArrayType(DataTypes.FloatType, false);
    public static final StructType SCHEMA = new StructType()
            .add(SESSION, DataTypes.StringType, false)
            .add(TRIAL, DataTypes.IntegerType, false)
            .add(BINS, DataTypes.IntegerType, false)
            .add(LATENT_DIM, DataTypes.IntegerType, false)
            .add(UNIT_IDS, IDS, false)
            .add(TRUE_LATENTS, VALUES, false)
            .add(TRUE_RATES, VALUES, false);

    private GroundTruth() {
    }

    /** Writes rows in {@link #SCHEMA} as a Parquet truth table at {@code path}, replacing what is there. */
    public static void write(SparkSession spark, List<Row> rows, String path) {
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }

    /** Binned trial rows with their truth, and the truth's latent dimension. */
    record Attached(Dataset<Row> records, int latentDim) {
    }

    /**
     * Joins the truth table onto binned trial rows by (session, trial) after checking, on the driver, that it has
     * one row for every binned trial, with {@code bins} bins and exactly the dataset's units. Rates come out in
     * {@code unitOrder}: held-in then held-out units, like the count columns.
     *
     * @param records   rows in {@link NeuralSchema#RECORD}; their truth columns are replaced
     * @param binned    per session name, the indices of its binned trials
     * @param unitOrder the unit ids of the rate columns wanted
     */
    static Attached attach(SparkSession spark, String path, Dataset<Row> records, Map<String, int[]> binned,
                           long[] unitOrder, int bins) {
        Dataset<Row> truth = read(spark, path);
        int[] permutation = permutation(unitIds(truth, path), unitOrder, path);
        int latentDim = check(truth, path, binned, bins, unitOrder.length);

        Dataset<Row> keyed = truth.select(col(SESSION).as("truth_session"), col(TRIAL).as("truth_trial"),
                col(TRUE_LATENTS).as("truth_latents"), col(TRUE_RATES).as("truth_rates"));
        List<Column> columns = new ArrayList<>();
        for (String name : NeuralSchema.RECORD.fieldNames()) {
            columns.add(name.equals(TRUE_LATENTS) ? col("truth_latents")
                    : name.equals(TRUE_RATES) ? col("truth_rates") : col(name));
        }
        Dataset<Row> joined = records.drop(TRUE_LATENTS, TRUE_RATES)
                .join(keyed, col(SESSION).equalTo(col("truth_session")).and(col(TRIAL).equalTo(col("truth_trial"))))
                .select(columns.toArray(Column[]::new));
        int latentsIndex = NeuralSchema.RECORD.fieldIndex(TRUE_LATENTS);
        int ratesIndex = NeuralSchema.RECORD.fieldIndex(TRUE_RATES);
        MapFunction<Row, Row> reorder = row -> {
            Object[] values = new Object[row.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            values[latentsIndex] = floats(row.getList(latentsIndex));
            values[ratesIndex] = reorder(floats(row.getList(ratesIndex)), permutation);
            return RowFactory.create(values);
        };
        return new Attached(joined.map(reorder, Encoders.row(NeuralSchema.RECORD)), latentDim);
    }

    /** The table, its columns checked and cast to {@link #SCHEMA}'s types. */
    private static Dataset<Row> read(SparkSession spark, String path) {
        Dataset<Row> table;
        try {
            table = spark.read().parquet(path);
        } catch (Exception e) {
            if (e instanceof AnalysisException analysis) {
                throw new UserInputException("truth table " + path + " cannot be read as Parquet: "
                        + analysis.getSimpleMessage(), e);
            }
            throw e;
        }
        List<String> names = Arrays.asList(table.schema().fieldNames());
        List<Column> columns = new ArrayList<>();
        for (var field : SCHEMA.fields()) {
            if (!names.contains(field.name())) {
                throw new UserInputException("truth table " + path + " has no column '" + field.name()
                        + "' (columns: " + String.join(", ", names) + ")");
            }
            DataType type = table.schema().apply(field.name()).dataType();
            DataType wanted = field.dataType();
            boolean ok = wanted == DataTypes.StringType ? type == DataTypes.StringType
                    : wanted == DataTypes.IntegerType ? type instanceof IntegralType
                    : type instanceof ArrayType array && (wanted == IDS ? array.elementType() instanceof IntegralType
                            : array.elementType() instanceof NumericType);
            if (!ok) {
                throw new UserInputException("truth table " + path + ": column '" + field.name() + "' must be "
                        + wanted.simpleString() + ", is " + type.simpleString());
            }
            // Parquet arrays may hold nulls: cast to arrays that may, and refuse the nulls in check().
            columns.add(col(field.name()).cast(wanted instanceof ArrayType array
                    ? DataTypes.createArrayType(array.elementType(), true) : wanted));
        }
        return table.select(columns.toArray(Column[]::new));
    }

    /** The one list of unit ids of every row: ascending, distinct. */
    private static long[] unitIds(Dataset<Row> truth, String path) {
        List<Row> distinct = truth.select(UNIT_IDS).distinct().limit(2).collectAsList();
        if (distinct.isEmpty()) {
            throw new UserInputException("truth table " + path + " has no rows");
        }
        if (distinct.size() > 1) {
            throw new UserInputException("rows of truth table " + path + " disagree on " + UNIT_IDS + ": "
                    + listed(distinct.get(0)) + " and " + listed(distinct.get(1))
                    + "; every row must list the same units");
        }
        Row row = distinct.get(0);
        if (row.isNullAt(0) || row.getList(0).contains(null)) {
            throw new UserInputException("truth table " + path + " has a null in column " + UNIT_IDS);
        }
        List<Long> list = row.getList(0);
        long[] ids = list.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new UserInputException("truth table " + path + ": " + UNIT_IDS + " must be ascending and "
                        + "distinct, but " + ids[i] + " follows " + ids[i - 1]);
            }
        }
        return ids;
    }

    private static String listed(Row row) {
        return row.isNullAt(0) ? "null" : row.getList(0).toString();
    }

    /** permutation[j]: the truth column of the unit {@code unitOrder[j]}. */
    static int[] permutation(long[] truthIds, long[] unitOrder, String path) {
        Map<Long, Integer> column = new HashMap<>();
        for (int i = 0; i < truthIds.length; i++) {
            column.put(truthIds[i], i);
        }
        Set<Long> unknown = new TreeSet<>(column.keySet());
        Arrays.stream(unitOrder).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new UserInputException("truth table " + path + " has rates of units " + unknown
                    + " that are not units of the dataset");
        }
        List<Long> missing = new ArrayList<>();
        int[] permutation = new int[unitOrder.length];
        for (int j = 0; j < unitOrder.length; j++) {
            Integer c = column.get(unitOrder[j]);
            if (c == null) {
                missing.add(unitOrder[j]);
            } else {
                permutation[j] = c;
            }
        }
        if (!missing.isEmpty()) {
            missing.sort(null);
            throw new UserInputException("truth table " + path + " has no rates of units " + missing
                    + " of the dataset");
        }
        return permutation;
    }

    /**
     * Checks that every binned trial has exactly one row of consistent shape; returns the latent dimension. Only
     * the shape columns come to the driver.
     */
    private static int check(Dataset<Row> truth, String path, Map<String, int[]> binned, int bins, int units) {
        List<Row> shapes = truth.select(col(SESSION), col(TRIAL), col(BINS), col(LATENT_DIM),
                col(TRUE_LATENTS).isNull().or(col(TRUE_RATES).isNull()), size(col(TRUE_LATENTS)),
                size(col(TRUE_RATES)), exists(col(TRUE_LATENTS), Column::isNull)
                        .or(exists(col(TRUE_RATES), Column::isNull))).collectAsList();
        Map<String, Map<Integer, Row>> bySession = new HashMap<>();
        for (Row row : shapes) {
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new UserInputException("truth table " + path + " has a row with a null " + SESSION + " or "
                        + TRIAL);
            }
            Row clash = bySession.computeIfAbsent(row.getString(0), s -> new HashMap<>()).put(row.getInt(1), row);
            if (clash != null) {
                throw new UserInputException("truth table " + path + " has two rows for session " + row.getString(0)
                        + " trial " + row.getInt(1));
            }
        }
        int latentDim = -1;
        for (Map.Entry<String, int[]> session : new TreeMap<>(binned).entrySet()) {
            Map<Integer, Row> rows = bySession.getOrDefault(session.getKey(), Map.of());
            int[] trials = session.getValue();
            int lacking = (int) Arrays.stream(trials).filter(t -> !rows.containsKey(t)).count();
            for (int trial : trials) {
                String where = "truth table " + path + ": session " + session.getKey() + " trial " + trial;
                Row row = rows.get(trial);
                if (row == null) {
                    throw new UserInputException("truth table " + path + " has no row for session "
                            + session.getKey() + " trial " + trial + " (" + lacking + " of the session's "
                            + trials.length + " binned trials have none); every binned trial needs its truth");
                }
                if (row.isNullAt(2) || row.getInt(2) != bins) {
                    throw new UserInputException(where + " has " + (row.isNullAt(2) ? "null" : row.getInt(2))
                            + " " + BINS + ", but its window is binned into " + bins + " bins (forward bins have"
                            + " no truth); bin the trials as the truth was made");
                }
                if (row.isNullAt(3) || row.getInt(3) < 1) {
                    throw new UserInputException(where + " has " + LATENT_DIM + " "
                            + (row.isNullAt(3) ? "null" : row.getInt(3)) + "; it must be at least 1");
                }
                if (latentDim < 0) {
                    latentDim = row.getInt(3);
                } else if (row.getInt(3) != latentDim) {
                    throw new UserInputException(where + " has " + LATENT_DIM + " " + row.getInt(3) + ", other "
                            + "rows " + latentDim + "; it must be the same in every row");
                }
                if (row.getBoolean(4)) {
                    throw new UserInputException(where + " has a null " + TRUE_LATENTS + " or " + TRUE_RATES);
                }
                if (row.getInt(5) != bins * latentDim) {
                    throw new UserInputException(where + ": " + TRUE_LATENTS + " has " + row.getInt(5)
                            + " values, expected bins × latent_dim = " + bins + " × " + latentDim);
                }
                if (row.getInt(6) != bins * units) {
                    throw new UserInputException(where + ": " + TRUE_RATES + " has " + row.getInt(6)
                            + " values, expected bins × units = " + bins + " × " + units);
                }
                if (row.getBoolean(7)) {
                    throw new UserInputException(where + " has null values in " + TRUE_LATENTS + " or "
                            + TRUE_RATES);
                }
            }
        }
        return latentDim;
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Columns of a time-major matrix in a new order: column j of the result is column permutation[j]. */
    static float[] reorder(float[] matrix, int[] permutation) {
        int units = permutation.length;
        float[] out = new float[matrix.length];
        for (int t = 0; t < matrix.length / units; t++) {
            for (int j = 0; j < units; j++) {
                out[t * units + j] = matrix[t * units + permutation[j]];
            }
        }
        return out;
    }
}
