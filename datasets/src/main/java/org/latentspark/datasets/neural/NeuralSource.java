package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.io.HadoopFiles;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.NeuralSchema;

/**
 * Binned neural trials, one row per trial in {@link NeuralSchema#RECORD}, from several sessions: NWB files, Kilosort
 * folders, a Parquet spike table, or the Lorenz simulator. The files are read on the driver (spike times are small next to the binned
 * tables) and broadcast; executors bin each trial from the broadcast. All sessions must have the same units (by
 * id; their order in each file may differ) and either all or none must have conditions. Held-out units are chosen
 * once, from the first session, and are the same units in every session. The true latents and rates columns are
 * filled by the simulator, or from a truth table ({@link #withTruth}) for simulated data read from files.
 *
 * <p>{@link #shape()}, {@link #droppedSpikes()} and {@link #skippedTrials()} are valid after {@link #read}.
 */
public final class NeuralSource {
    public static final String NWB = "nwb";
    public static final String KILOSORT = "kilosort";
    public static final String LORENZ = "lorenz";
    public static final String SPIKE_PARQUET = "spike-parquet";
    // Enough trials per task to amortise its start, few enough that a session makes several tasks.
    private static final int TRIALS_PER_SLICE = 256;

    private interface SessionReader {
        List<SpikeRecording> read(SparkSession spark);
    }

    private record Simulated(LorenzSimulator simulator, int sessions) {
    }

    private final SessionReader reader;
    private final SpikeBinner binner;
    private final HeldOutNeurons.Rule heldOutRule;
    private final Simulated simulated;
    private final ObjectNode source;
    private final String truthPath;
    private NeuralShape shape;
    private long dropped = -1;
    private int skipped;

    private NeuralSource(SessionReader reader, SpikeBinner binner, HeldOutNeurons.Rule heldOutRule,
                         Simulated simulated, ObjectNode source) {
        this(reader, binner, heldOutRule, simulated, source, null);
    }

    private NeuralSource(SessionReader reader, SpikeBinner binner, HeldOutNeurons.Rule heldOutRule,
                         Simulated simulated, ObjectNode source, String truthPath) {
        this.reader = reader;
        this.binner = binner;
        this.heldOutRule = heldOutRule;
        this.simulated = simulated;
        this.source = source;
        this.truthPath = truthPath;
        binner.describe(source);
        source.put("heldout_fraction", heldOutRule.fraction());
        ArrayNode ids = source.putArray("heldout_units");
        Arrays.stream(heldOutRule.unitIds()).forEach(ids::add);
        source.put("heldout_seed", heldOutRule.seed());
        if (truthPath != null) {
            source.put("truth_path", truthPath);
        }
    }

    /**
     * NWB files, one session each.
     *
     * @param paths           NWB files or folders of them (every {@code *.nwb} inside, in name order), any Hadoop URI
     * @param conditionColumn the trials column of conditions; null or blank: none
     */
    public static NeuralSource nwb(List<String> paths, String conditionColumn, SpikeBinner binner,
                                   HeldOutNeurons.Rule heldOut) {
        ObjectNode source = describe(NWB, paths, conditionColumn);
        return new NeuralSource(spark -> {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            List<SpikeRecording> sessions = new ArrayList<>();
            for (String file : nwbFiles(paths, conf)) {
                sessions.add(NwbReader.read(file, conf, conditionColumn));
            }
            return sessions;
        }, binner, heldOut, null, source);
    }

    /**
     * Kilosort / Phy folders, one session each.
     *
     * @param trialsFile    the trial table: a name inside each folder, or a URI (with a '/') for a single folder;
     *                      null or blank: {@code trials.csv} in each folder
     * @param clusterGroups Phy cluster labels to keep; empty: every cluster
     */
    public static NeuralSource kilosort(List<String> folders, double sampleRateHz, String trialsFile,
                                        List<String> clusterGroups, String conditionColumn, SpikeBinner binner,
                                        HeldOutNeurons.Rule heldOut) {
        ObjectNode source = describe(KILOSORT, folders, conditionColumn);
        String trials = trialsFile == null || trialsFile.isBlank() ? KilosortReader.DEFAULT_TRIALS : trialsFile;
        source.put("sample_rate_hz", sampleRateHz).put("trials_file", trials);
        clusterGroups.forEach(source.putArray("cluster_groups")::add);
        if (trials.contains("/") && folders.size() > 1) {
            throw new UserInputException("the trial table " + trials + " (dataset.neural.kilosort.trials-file) is "
                    + "one file, but there are " + folders.size() + " Kilosort folders; give a file name to find "
                    + "in each folder");
        }
        return new NeuralSource(spark -> {
            List<SpikeRecording> sessions = new ArrayList<>();
            for (String folder : folders) {
                String csv = trials.contains("/") ? trials : stripSlash(folder) + "/" + trials;
                sessions.add(KilosortReader.read(folder, sampleRateHz, csv, conditionColumn, clusterGroups,
                        spark.sparkContext().hadoopConfiguration()));
            }
            return sessions;
        }, binner, heldOut, null, source);
    }

    /** Sessions from a Parquet spike table and trial table; see {@link ParquetSpikeTable}. */
    public static NeuralSource spikeParquet(String spikesPath, String trialsPath, String conditionColumn,
                                            SpikeBinner binner, HeldOutNeurons.Rule heldOut) {
        ObjectNode source = describe(SPIKE_PARQUET, List.of(spikesPath), conditionColumn);
        source.put("trials_path", trialsPath);
        return new NeuralSource(spark -> ParquetSpikeTable.read(spark, spikesPath, trialsPath, conditionColumn),
                binner, heldOut, null, source);
    }

    /**
     * Sessions 0 to {@code sessions - 1} of the Lorenz simulator, binned at the simulator's own bins (trial start,
     * its bins, its forward bins), so that every row carries the true latents and rates of its bins.
     */
    public static NeuralSource lorenz(LorenzSimulator simulator, int sessions, HeldOutNeurons.Rule heldOut) {
        if (sessions < 1) {
            throw new UserInputException("configuration key dataset.lorenz.sessions must be at least 1, got "
                    + sessions);
        }
        ObjectNode source = Json.object().put("format", LORENZ).put("sessions", sessions);
        simulator.describe(source);
        SpikeBinner binner = SpikeBinner.fromTrialStart(simulator.binMs(), simulator.bins() * simulator.binMs(),
                simulator.forwardBins() * simulator.binMs());
        return new NeuralSource(null, binner, heldOut, new Simulated(simulator, sessions), source);
    }

    /**
     * This source with the known latents and rates of its trials, from a truth table ({@link GroundTruth}) joined
     * on by session and trial: for simulated data written as files, read through the real reader. The table must
     * hold every binned trial, over the window's bins (not the forward bins), and the dataset's units;
     * {@link #read} fails naming the table and the trial otherwise. The path becomes part of {@link #source()}.
     *
     * @param truthPath a Parquet truth table, any Hadoop URI; null or blank: no truth table
     */
    public NeuralSource withTruth(String truthPath) {
        if (simulated != null) {
            throw new UserInputException("the " + LORENZ + " source knows its own latents; a truth table "
                    + "(dataset.neural.truth-path) is for " + NWB + ", " + KILOSORT + " and " + SPIKE_PARQUET
                    + " input");
        }
        ObjectNode copy = source.deepCopy();
        copy.remove("truth_path");
        String path = truthPath == null || truthPath.isBlank() ? null : truthPath;
        return new NeuralSource(reader, binner, heldOutRule, null, copy, path);
    }

    /** Everything that determines the dataset's content; equal descriptions make the same dataset. */
    public ObjectNode source() {
        return source;
    }

    /** The trials' shape: bins, held-in and held-out units, sessions, known latents and conditions. */
    public NeuralShape shape() {
        requireRead();
        return shape;
    }

    /** Spikes that fell in no trial's window, over all sessions. */
    public long droppedSpikes() {
        requireRead();
        return dropped;
    }

    /** Trials left out because their alignment event is missing (NaN). */
    public int skippedTrials() {
        requireRead();
        return skipped;
    }

    private void requireRead() {
        if (dropped < 0) {
            throw new IllegalStateException("call read() first");
        }
    }

    public Dataset<Row> read(SparkSession spark) {
        LorenzSimulator.Simulation sim = simulated == null ? null : simulated.simulator().simulate();
        List<SpikeRecording> sessions = new ArrayList<>();
        if (sim == null) {
            sessions.addAll(reader.read(spark));
        } else {
            for (int s = 0; s < simulated.sessions(); s++) {
                sessions.add(simulated.simulator().recording(sim, s));
            }
        }
        checkAgree(sessions);
        SpikeRecording first = sessions.get(0);
        HeldOutNeurons split = heldOutRule.apply(first.unitIds(), first.source());
        long[] heldInIds = HeldOutNeurons.ids(first.unitIds(), split.heldIn());
        long[] heldOutIds = HeldOutNeurons.ids(first.unitIds(), split.heldOut());
        int[][] heldIn = new int[sessions.size()][];
        int[][] heldOut = new int[sessions.size()][];
        for (int s = 0; s < sessions.size(); s++) {
            heldIn[s] = positions(sessions.get(s).unitIds(), heldInIds);
            heldOut[s] = positions(sessions.get(s).unitIds(), heldOutIds);
        }
        SpikeBinner.TrialWindows windows = binner.plan(sessions);
        List<int[]> kept = new ArrayList<>();
        long droppedSpikes = 0;
        for (int s = 0; s < sessions.size(); s++) {
            for (int t = 0; t < sessions.get(s).trialCount(); t++) {
                if (windows.has(s, t)) {
                    kept.add(new int[] {s, t});
                }
            }
            droppedSpikes += windows.droppedSpikes(sessions.get(s), s);
        }
        Truth truth = sim == null ? null
                : truth(sim, simulated.simulator().trialsPerCondition(), heldIn[0], heldOut[0], windows.bins());
        Payload payload = new Payload(sessions, windows, heldIn, heldOut, kept.toArray(int[][]::new), truth);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Payload> broadcast = jsc.broadcast(payload);
        int slices = Math.max(1, (kept.size() + TRIALS_PER_SLICE - 1) / TRIALS_PER_SLICE);
        MapFunction<Long, Row> bin = index -> broadcast.value().row(index.intValue());
        Dataset<Row> rows = spark.range(0, kept.size(), 1, slices).map(bin, Encoders.row(NeuralSchema.RECORD));
        int trueLatentDim = truth == null ? 0 : LorenzSimulator.LATENT_DIM;
        if (truthPath != null) {
            long[] unitOrder = new long[heldInIds.length + heldOutIds.length];
            System.arraycopy(heldInIds, 0, unitOrder, 0, heldInIds.length);
            System.arraycopy(heldOutIds, 0, unitOrder, heldInIds.length, heldOutIds.length);
            GroundTruth.Attached attached = GroundTruth.attach(spark, truthPath, rows, binnedTrials(sessions, kept),
                    unitOrder, windows.bins());
            rows = attached.records();
            trueLatentDim = attached.latentDim();
        }
        shape = shape(windows, binner.binMs(), heldInIds, heldOutIds, sessions, trueLatentDim);
        dropped = droppedSpikes;
        skipped = windows.skippedTrials();
        return rows;
    }

    /** Per session name, the indices of its binned trials. */
    private static Map<String, int[]> binnedTrials(List<SpikeRecording> sessions, List<int[]> kept) {
        Map<String, List<Integer>> trials = new HashMap<>();
        for (int[] trial : kept) {
            trials.computeIfAbsent(sessions.get(trial[0]).session(), s -> new ArrayList<>()).add(trial[1]);
        }
        Map<String, int[]> out = new HashMap<>();
        trials.forEach((session, list) -> out.put(session, list.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** What executors need to bin any trial. trials[i] = {session, trial} of row i. */
    private record Payload(List<SpikeRecording> sessions, SpikeBinner.TrialWindows windows, int[][] heldIn,
                           int[][] heldOut, int[][] trials, Truth truth) implements Serializable {

        Row row(int index) {
            int s = trials[index][0];
            int t = trials[index][1];
            SpikeRecording rec = sessions.get(s);
            int[] counts = windows.counts(rec, s, t);
            int units = rec.unitCount();
            int bins = windows.bins();
            int total = windows.totalBins();
            String condition = rec.hasConditions() ? rec.conditions()[t] : null;
            float[] latents = truth == null ? null : truth.latents()[truth.conditionOf(t)];
            float[] rates = truth == null ? null : truth.rates()[truth.conditionOf(t)];
            return RowFactory.create(rec.session() + "/" + t, rec.session(), t, condition,
                    select(counts, units, 0, bins, heldIn[s]), select(counts, units, 0, bins, heldOut[s]),
                    select(counts, units, bins, total, heldIn[s]), select(counts, units, bins, total, heldOut[s]),
                    latents, rates);
        }
    }

    /** Bins [from, to) of the chosen units of a time-major count matrix, time-major. */
    static int[] select(int[] counts, int units, int from, int to, int[] chosen) {
        int[] out = new int[(to - from) * chosen.length];
        for (int t = from; t < to; t++) {
            for (int j = 0; j < chosen.length; j++) {
                out[(t - from) * chosen.length + j] = counts[t * units + chosen[j]];
            }
        }
        return out;
    }

    /**
     * The simulator's latents and rates of each condition over the window's bins, time-major; rates ordered
     * held-in units then held-out units, like the count columns.
     */
    private record Truth(float[][] latents, float[][] rates, int trialsPerCondition) implements Serializable {
        int conditionOf(int trial) {
            return trial / trialsPerCondition;
        }
    }

    private static Truth truth(LorenzSimulator.Simulation sim, int trialsPerCondition, int[] heldIn, int[] heldOut,
                               int bins) {
        int conditions = sim.latents().length;
        int[] order = new int[heldIn.length + heldOut.length];
        System.arraycopy(heldIn, 0, order, 0, heldIn.length);
        System.arraycopy(heldOut, 0, order, heldIn.length, heldOut.length);
        float[][] latents = new float[conditions][];
        float[][] rates = new float[conditions][];
        for (int c = 0; c < conditions; c++) {
            latents[c] = LorenzSimulator.trueLatents(sim, c, bins);
            rates[c] = LorenzSimulator.trueRates(sim, c, bins, order);
        }
        return new Truth(latents, rates, trialsPerCondition);
    }

    private static NeuralShape shape(SpikeBinner.TrialWindows windows, double binMs, long[] heldInIds,
                                     long[] heldOutIds, List<SpikeRecording> sessions, int trueLatentDim) {
        return new NeuralShape(windows.bins(), windows.forwardBins(), binMs,
                Arrays.stream(heldInIds).boxed().toList(), Arrays.stream(heldOutIds).boxed().toList(),
                sessions.stream().map(SpikeRecording::session).toList(), trueLatentDim,
                sessions.get(0).hasConditions());
    }

    /** Sessions must agree on what they contain; a UserInputException naming both sources otherwise. */
    static void checkAgree(List<SpikeRecording> sessions) {
        if (sessions.isEmpty()) {
            throw new UserInputException("no sessions to read");
        }
        SpikeRecording first = sessions.get(0);
        long[] units = first.unitIds().clone();
        Arrays.sort(units);
        Map<String, String> names = new HashMap<>();
        for (SpikeRecording other : sessions) {
            String clash = names.putIfAbsent(other.session(), other.source());
            if (clash != null) {
                throw new UserInputException("sessions " + clash + " and " + other.source() + " have the same name '"
                        + other.session() + "'; session names prefix trial ids and must differ");
            }
            long[] otherUnits = other.unitIds().clone();
            Arrays.sort(otherUnits);
            if (!Arrays.equals(units, otherUnits)) {
                throw new UserInputException("sessions disagree on their units: " + first.source() + " has "
                        + units.length + " units " + summary(units) + ", " + other.source() + " has "
                        + otherUnits.length + " units " + summary(otherUnits)
                        + "; every session of a dataset must record the same units");
            }
            if (other.hasConditions() != first.hasConditions()) {
                throw new UserInputException("sessions disagree on conditions: " + first.source()
                        + (first.hasConditions() ? " has" : " has no") + " condition column, " + other.source()
                        + (other.hasConditions() ? " has one" : " has none"));
            }
        }
    }

    private static String summary(long[] sortedIds) {
        if (sortedIds.length <= 8) {
            return Arrays.toString(sortedIds);
        }
        return "[" + sortedIds[0] + ", " + sortedIds[1] + ", ..., " + sortedIds[sortedIds.length - 1] + "]";
    }

    private static int[] positions(long[] unitIds, long[] wanted) {
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < unitIds.length; i++) {
            position.put(unitIds[i], i);
        }
        return Arrays.stream(wanted).mapToInt(position::get).toArray();
    }

    private static ObjectNode describe(String format, List<String> paths, String conditionColumn) {
        if (paths.isEmpty()) {
            throw new UserInputException("dataset.path names no " + format + " input");
        }
        ObjectNode source = Json.object().put("format", format);
        ArrayNode list = source.putArray("paths");
        paths.forEach(list::add);
        source.put("condition_column", conditionColumn == null ? "" : conditionColumn);
        return source;
    }

    /** The NWB files named: files as they are, folders expanded to their {@code *.nwb} files in name order. */
    static List<String> nwbFiles(List<String> paths, Configuration conf) {
        HadoopFiles files = new HadoopFiles(conf);
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            FileSystem fs = files.fs(path);
            try {
                Path p = new Path(path);
                if (!fs.exists(p)) {
                    throw new UserInputException("NWB input " + path + " does not exist");
                }
                if (!fs.getFileStatus(p).isDirectory()) {
                    found.add(path);
                    continue;
                }
                List<String> inside = new ArrayList<>();
                for (FileStatus status : fs.listStatus(p)) {
                    if (status.isFile() && status.getPath().getName().endsWith(".nwb")) {
                        inside.add(stripSlash(path) + "/" + status.getPath().getName());
                    }
                }
                if (inside.isEmpty()) {
                    throw new UserInputException("folder " + path + " holds no .nwb files");
                }
                inside.sort(null);
                found.addAll(inside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path, e);
            }
        }
        return found;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
