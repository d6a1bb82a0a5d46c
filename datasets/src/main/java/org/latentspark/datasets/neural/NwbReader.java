package org.latentspark.datasets.neural;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/**
 * Reads the spikes and trials of one Neurodata Without Borders (NWB 2) file with jhdf, in pure Java. The units
 * table is NWB's ragged array: {@code /units/spike_times} holds every unit's spikes one after the other and
 * {@code /units/spike_times_index} each unit's end offset into it; {@code /units/id} names the units. The trials
 * table {@code /intervals/trials} gives {@code start_time} and {@code stop_time}; its other one-dimensional
 * columns become the condition (the column named by {@code conditionColumn}, text or integer) and event times
 * (every other numeric column). Text columns other than the condition, ragged columns and tables of more than one
 * dimension are ignored. The session is named after the file, without its extension.
 */
public final class NwbReader {
    public static final String UNITS = "/units";
    public static final String SPIKE_TIMES = UNITS + "/spike_times";
    public static final String SPIKE_TIMES_INDEX = UNITS + "/spike_times_index";
    public static final String UNIT_IDS = UNITS + "/id";
    public static final String TRIALS = "/intervals/trials";
    public static final String START_TIME = "start_time";
    public static final String STOP_TIME = "stop_time";

    private NwbReader() {
    }

    /**
     * Reads a file from any Hadoop URI; files on other file systems than the local one are copied to a local
     * temporary file first (HDF5 needs random access).
     *
     * @param conditionColumn the trials column holding each trial's condition; null or blank: no conditions
     */
    public static SpikeRecording read(String path, Configuration conf, String conditionColumn) {
        HadoopFiles files = new HadoopFiles(conf);
        FileSystem fs = files.fs(path);
        org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(path);
        if (fs instanceof LocalFileSystem local) {
            return read(local.pathToFile(hadoopPath).toPath(), path, conditionColumn);
        }
        if (!files.exists(path)) {
            throw new UserInputException("NWB file " + path + " does not exist");
        }
        try (InputStream in = files.open(path); HdfFile hdf = open(() -> HdfFile.fromInputStream(in), path)) {
            return read(hdf, path, conditionColumn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Reads a local file. */
    public static SpikeRecording read(Path file, String conditionColumn) {
        return read(file, file.toString(), conditionColumn);
    }

    private static SpikeRecording read(Path file, String source, String conditionColumn) {
        if (!file.toFile().isFile()) {
            throw new UserInputException("NWB file " + source + " does not exist");
        }
        try (HdfFile hdf = open(() -> new HdfFile(file), source)) {
            return read(hdf, source, conditionColumn);
        }
    }

    private interface Opener {
        HdfFile open();
    }

    private static HdfFile open(Opener opener, String source) {
        try {
            return opener.open();
        } catch (HdfException e) {
            throw new UserInputException(source + " is not a readable HDF5 (NWB) file: " + e.getMessage(), e);
        }
    }

    private static SpikeRecording read(HdfFile hdf, String source, String conditionColumn) {
        try {
            String session = sessionName(source);
            long[] unitIds = unitIds(hdf, source);
            double[][] spikes = spikeTrains(hdf, source, unitIds);
            Group trials = group(hdf, TRIALS, source, "no trials table");
            double[] starts = numbers(dataset(hdf, TRIALS + "/" + START_TIME, source,
                    "the trials table has no start_time"), source);
            double[] stops = numbers(dataset(hdf, TRIALS + "/" + STOP_TIME, source,
                    "the trials table has no stop_time"), source);
            if (starts.length == 0) {
                throw new UserInputException(source + ": the trials table (" + TRIALS + ") has no trials");
            }
            String[] conditions = null;
            boolean wantConditions = conditionColumn != null && !conditionColumn.isBlank();
            if (wantConditions) {
                conditions = conditions(dataset(hdf, TRIALS + "/" + conditionColumn, source,
                        "the trials table has no condition column '" + conditionColumn + "'"), source);
            }
            Map<String, double[]> events = new LinkedHashMap<>();
            for (Node node : trials) {
                String name = node.getName();
                if (!(node instanceof Dataset column) || isReserved(name, conditionColumn)
                        || trials.getChildren().containsKey(name + "_index") || name.endsWith("_index")
                        || column.getDimensions().length != 1 || column.getDimensions()[0] != starts.length
                        || !isNumeric(column)) {
                    continue;
                }
                events.put(name, numbers(column, source));
            }
            return new SpikeRecording(session, unitIds, spikes, starts, stops, conditions, events, source);
        } catch (HdfException e) {
            throw new UserInputException(source + " could not be read as NWB: " + e.getMessage(), e);
        }
    }

    private static boolean isReserved(String name, String conditionColumn) {
        return name.equals("id") || name.equals(START_TIME) || name.equals(STOP_TIME) || name.equals(conditionColumn);
    }

    private static long[] unitIds(HdfFile hdf, String source) {
        group(hdf, UNITS, source, "no units table");
        Dataset ids = dataset(hdf, UNIT_IDS, source, "the units table has no id column");
        return integers(ids, source);
    }

    private static double[][] spikeTrains(HdfFile hdf, String source, long[] unitIds) {
        double[] all = numbers(dataset(hdf, SPIKE_TIMES, source, "the units table has no spike_times"), source);
        long[] ends = integers(dataset(hdf, SPIKE_TIMES_INDEX, source,
                "the units table has no spike_times_index"), source);
        if (ends.length != unitIds.length) {
            throw new UserInputException(source + ": " + SPIKE_TIMES_INDEX + " has " + ends.length + " entries but "
                    + UNIT_IDS + " names " + unitIds.length + " units");
        }
        double[][] trains = new double[ends.length][];
        long begin = 0;
        for (int u = 0; u < ends.length; u++) {
            if (ends[u] < begin || ends[u] > all.length) {
                throw new UserInputException(source + ": " + SPIKE_TIMES_INDEX + "[" + u + "] = " + ends[u]
                        + " must be non-decreasing and at most the " + all.length + " values of " + SPIKE_TIMES
                        + " (previous end " + begin + ")");
            }
            trains[u] = Arrays.copyOfRange(all, (int) begin, (int) ends[u]);
            for (int i = 0; i < trains[u].length; i++) {
                if (!Double.isFinite(trains[u][i])) {
                    throw new UserInputException(source + ": " + SPIKE_TIMES + "[" + (begin + i) + "] (unit "
                            + unitIds[u] + ") is " + trains[u][i] + "; spike times must be finite");
                }
            }
            // NWB does not promise sorted spike times; binning relies on them.
            Arrays.sort(trains[u]);
            begin = ends[u];
        }
        return trains;
    }

    private static String[] conditions(Dataset column, String source) {
        Object data = column.getData();
        if (column.getDimensions().length != 1) {
            throw new UserInputException(source + ": condition column " + column.getPath()
                    + " must have one dimension, has " + column.getDimensions().length);
        }
        if (data instanceof String[] text) {
            return text;
        }
        if (isNumeric(column)) {
            long[] codes = integers(column, source);
            return Arrays.stream(codes).mapToObj(Long::toString).toArray(String[]::new);
        }
        throw new UserInputException(source + ": condition column " + column.getPath()
                + " must hold text or integers, holds " + column.getJavaType().getSimpleName());
    }

    private static Group group(HdfFile hdf, String path, String source, String what) {
        Node node = child(hdf, path);
        if (!(node instanceof Group g)) {
            throw new UserInputException(source + ": " + what + " (" + path + ")");
        }
        return g;
    }

    private static Dataset dataset(HdfFile hdf, String path, String source, String what) {
        Node node = child(hdf, path);
        if (!(node instanceof Dataset d)) {
            throw new UserInputException(source + ": " + what + " (" + path + ")");
        }
        return d;
    }

    private static Node child(HdfFile hdf, String path) {
        Node node = hdf;
        for (String part : path.substring(1).split("/")) {
            if (!(node instanceof Group g) || !g.getChildren().containsKey(part)) {
                return null;
            }
            node = g.getChild(part);
        }
        return node;
    }

    private static boolean isNumeric(Dataset column) {
        Class<?> type = column.getJavaType();
        return type.isPrimitive() && type != boolean.class && type != char.class
                || Number.class.isAssignableFrom(type);
    }

    /** A one-dimensional numeric dataset as doubles; an empty dataset gives an empty array. */
    static double[] numbers(Dataset column, String source) {
        Object data = oneDimensional(column, source);
        if (data instanceof double[] doubles) {
            return doubles;
        }
        double[] values = new double[Array.getLength(data)];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return values;
    }

    /** A one-dimensional integer dataset as longs. */
    static long[] integers(Dataset column, String source) {
        Object data = oneDimensional(column, source);
        if (data instanceof long[] longs) {
            return longs;
        }
        long[] values = new long[Array.getLength(data)];
        for (int i = 0; i < values.length; i++) {
            Number n = (Number) Array.get(data, i);
            if (n instanceof Double || n instanceof Float) {
                if (n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new UserInputException(source + ": " + column.getPath() + "[" + i + "] = " + n
                            + " must be a whole number");
                }
            }
            values[i] = n.longValue();
        }
        return values;
    }

    private static Object oneDimensional(Dataset column, String source) {
        if (column.isEmpty()) {
            return new double[0];
        }
        if (column.getDimensions().length != 1 || !isNumeric(column)) {
            throw new UserInputException(source + ": " + column.getPath() + " must be a one-dimensional numeric "
                    + "column, is " + column.getJavaType().getSimpleName() + " of shape "
                    + Arrays.toString(column.getDimensions()));
        }
        return column.getData();
    }

    private static String sessionName(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
