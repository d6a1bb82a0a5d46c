package org.latentspark.datasets.neural;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;

/**
 * Reads a spike-sorted session in the Kilosort / Phy layout: {@code spike_times.npy} (each spike's sample index,
 * integer) and {@code spike_clusters.npy} (each spike's cluster id, integer) in one folder, plus a trial table as
 * CSV with a header line. Every cluster becomes a unit (its id the cluster id); sample indices become seconds by
 * the given sampling rate. The CSV's {@code start_time} and {@code stop_time} columns (seconds) are required; the
 * column named by {@code conditionColumn} gives conditions; every other column whose cells are all numbers (empty
 * cells are NaN: the event did not happen) becomes an event column; other text columns are ignored. The session is
 * named after the folder. With cluster groups given, only clusters with those Phy labels are units.
 */
public final class KilosortReader {
    public static final String SPIKE_TIMES = "spike_times.npy";
    public static final String SPIKE_CLUSTERS = "spike_clusters.npy";
    public static final String DEFAULT_TRIALS = "trials.csv";

    private KilosortReader() {
    }

    /**
     * @param folder          the Kilosort output folder, any Hadoop URI
     * @param sampleRateHz    the recording's sampling rate, for sample indices to seconds
     * @param trialsCsv       the trial table; null or blank: {@code trials.csv} in the folder
     * @param conditionColumn the CSV column of conditions; null or blank: no conditions
     * @param clusterGroups   the cluster labels to keep (e.g. "good"; see {@link PhyClusterLabels}); empty: every
     *                        cluster
     */
    public static SpikeRecording read(String folder, double sampleRateHz, String trialsCsv, String conditionColumn,
                                      List<String> clusterGroups, Configuration conf) {
        if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
            throw new UserInputException("the sampling rate of " + folder
                    + " (dataset.neural.kilosort.sample-rate-hz) must be positive, got " + sampleRateHz);
        }
        String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        String timesPath = base + "/" + SPIKE_TIMES;
        String clustersPath = base + "/" + SPIKE_CLUSTERS;
        long[] samples = NpyReader.readIntegers(timesPath, conf);
        long[] clusters = NpyReader.readIntegers(clustersPath, conf);
        if (samples.length != clusters.length) {
            throw new UserInputException(timesPath + " has " + samples.length + " spikes but " + clustersPath
                    + " has " + clusters.length + " cluster ids");
        }
        Predicate<Long> kept = keptClusters(base, clusterGroups, conf);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] < 0) {
                throw new UserInputException(timesPath + ": spike " + i + " has negative sample index " + samples[i]);
            }
            if (kept.test(clusters[i])) {
                counts.merge(clusters[i], 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new UserInputException("Kilosort folder " + base + " has no spikes in clusters labelled "
                    + clusterGroups + " (dataset.neural.kilosort.cluster-groups)");
        }
        long[] unitIds = counts.keySet().stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> position = new TreeMap<>();
        double[][] trains = new double[unitIds.length][];
        for (int u = 0; u < unitIds.length; u++) {
            position.put(unitIds[u], u);
            trains[u] = new double[counts.get(unitIds[u])];
        }
        int[] filled = new int[unitIds.length];
        for (int i = 0; i < samples.length; i++) {
            Integer u = position.get(clusters[i]);
            if (u != null) {
                trains[u][filled[u]++] = samples[i] / sampleRateHz;
            }
        }
        for (double[] train : trains) {
            Arrays.sort(train);
        }
        String trialsPath = trialsCsv == null || trialsCsv.isBlank() ? base + "/" + DEFAULT_TRIALS : trialsCsv;
        TrialTable trials = TrialTable.read(trialsPath, conditionColumn, conf);
        String session = base.substring(base.lastIndexOf('/') + 1);
        return new SpikeRecording(session, unitIds, trains, trials.starts, trials.stops, trials.conditions,
                trials.events, base);
    }

    private static Predicate<Long> keptClusters(String folder, List<String> groups, Configuration conf) {
        if (groups.isEmpty()) {
            return cluster -> true;
        }
        Map<Long, String> labels = PhyClusterLabels.read(folder, conf);
        Set<String> wanted = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return cluster -> wanted.contains(labels.get(cluster));
    }

    /** The columns of a trial-table CSV file. */
    private record TrialTable(double[] starts, double[] stops, String[] conditions, Map<String, double[]> events) {

        static TrialTable read(String path, String conditionColumn, Configuration conf) {
            HadoopFiles files = new HadoopFiles(conf);
            if (!files.exists(path)) {
                throw new UserInputException("trial table " + path + " does not exist");
            }
            List<String[]> rows;
            try (Reader in = new InputStreamReader(files.open(path), StandardCharsets.UTF_8)) {
                CsvParserSettings settings = new CsvParserSettings();
                settings.setLineSeparatorDetectionEnabled(true);
                settings.setMaxCharsPerColumn(-1);
                rows = new CsvParser(settings).parseAll(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            if (rows.isEmpty()) {
                throw new UserInputException("trial table " + path + " is empty; it needs a header line");
            }
            String[] header = Arrays.stream(rows.get(0)).map(h -> h == null ? "" : h.trim()).toArray(String[]::new);
            List<String[]> body = rows.subList(1, rows.size());
            int start = column(header, NwbReader.START_TIME, path);
            int stop = column(header, NwbReader.STOP_TIME, path);
            if (body.isEmpty()) {
                throw new UserInputException("trial table " + path + " has no trials");
            }
            String[] conditions = null;
            int condition = -1;
            if (conditionColumn != null && !conditionColumn.isBlank()) {
                condition = column(header, conditionColumn, path);
                conditions = new String[body.size()];
                for (int t = 0; t < body.size(); t++) {
                    conditions[t] = cell(body.get(t), condition);
                }
            }
            Map<String, double[]> events = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (c != start && c != stop && c != condition) {
                    double[] values = numbers(body, c, header[c], path, false);
                    if (values != null) {
                        events.put(header[c], values);
                    }
                }
            }
            return new TrialTable(numbers(body, start, header[start], path, true),
                    numbers(body, stop, header[stop], path, true), conditions, events);
        }

        private static int column(String[] header, String name, String path) {
            int index = Arrays.asList(header).indexOf(name);
            if (index < 0) {
                throw new UserInputException("trial table " + path + " has no column '" + name + "' (header: "
                        + String.join(",", header) + ")");
            }
            return index;
        }

        private static String cell(String[] row, int column) {
            return column < row.length && row[column] != null ? row[column].trim() : "";
        }

        /** The column as numbers, empty cells NaN; null when a cell is not a number, unless required. */
        private static double[] numbers(List<String[]> body, int column, String name, String path,
                                        boolean required) {
            double[] values = new double[body.size()];
            for (int t = 0; t < body.size(); t++) {
                String text = cell(body.get(t), column);
                if (required && text.isEmpty()) {
                    throw new UserInputException("trial table " + path + ", trial " + t + " (line " + (t + 2)
                            + "): " + name + " is empty");
                }
                try {
                    values[t] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    if (required) {
                        throw new UserInputException("trial table " + path + ", trial " + t + " (line " + (t + 2)
                                + "): " + name + " '" + text + "' is not a number");
                    }
                    return null;
                }
            }
            return values;
        }
    }
}
