package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.NeuralSchema;

/**
 * Binned neural trials, one row per trial in {@link NeuralSchema#RECORD}, from several sessions: recorded ones
 * ({@link RecordedSessions}: NWB files, Kilosort folders, a Parquet spike table) or the Lorenz simulator's. The
 * sessions are read on the driver (spike times are small next to the binned tables) and broadcast; executors bin
 * each trial from the broadcast ({@link TrialRows}). All sessions must have the same units (by id; their order in
 * each file may differ) and either all or none must have conditions ({@link SessionUnits}). Held-out units are
 * chosen once, from the first session, and are the same units in every session. The true latents and rates columns
 * are filled by the simulator, or from a truth table ({@link #withTruth}) for simulated data read from files.
 */
public final class NeuralSource {
    // Enough trials per task to amortise its start, few enough that a session makes several tasks.
    private static final int TRIALS_PER_SLICE = 256;

    /** Reads a dataset's sessions, on the driver. */
    interface SessionReader {
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

    /** Sessions that {@code reader} reads, described by {@code source} (RecordedSessions makes these). */
    NeuralSource(SessionReader reader, SpikeBinner binner, HeldOutNeurons.Rule heldOutRule, ObjectNode source) {
        this(reader, binner, heldOutRule, null, source, null);
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
     * Sessions 0 to {@code sessions - 1} of the Lorenz simulator, binned at the simulator's own bins (trial start,
     * its bins, its forward bins), so that every row carries the true latents and rates of its bins.
     */
    public static NeuralSource lorenz(LorenzSimulator simulator, int sessions, HeldOutNeurons.Rule heldOut) {
        if (sessions < 1) {
            throw new UserInputException("configuration key dataset.lorenz.sessions must be at least 1, got "
                    + sessions);
        }
        ObjectNode source = Json.object().put("format", DatasetSettings.LORENZ).put("sessions", sessions);
        simulator.describe(source);
        SpikeBinner binner = SpikeBinner.fromTrialStart(simulator.binMs(), simulator.bins() * simulator.binMs(),
                simulator.forwardBins() * simulator.binMs());
        return new NeuralSource(null, binner, heldOut, new Simulated(simulator, sessions), source, null);
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
            throw new UserInputException("the " + DatasetSettings.LORENZ + " source knows its own latents; a truth "
                    + "table (dataset.neural.truth-path) is for " + DatasetSettings.NWB + ", "
                    + DatasetSettings.KILOSORT + " and " + DatasetSettings.SPIKE_PARQUET + " input");
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

    /**
     * The binned trials and what the dataset manifest records of them.
     *
     * @param droppedSpikes spikes that fell in no trial's window, over all sessions
     * @param skippedTrials trials left out because their alignment event is missing (NaN)
     */
    public record Binned(Dataset<Row> rows, NeuralShape shape, long droppedSpikes, int skippedTrials) {
    }

    public Binned read(SparkSession spark) {
        LorenzSimulator.Simulation sim = simulated == null ? null : simulated.simulator().simulate();
        List<SpikeRecording> sessions = new ArrayList<>();
        if (sim == null) {
            sessions.addAll(reader.read(spark));
        } else {
            for (int s = 0; s < simulated.sessions(); s++) {
                sessions.add(simulated.simulator().recording(sim, s));
            }
        }
        SessionUnits.requireAgree(sessions);
        SpikeRecording first = sessions.get(0);
        HeldOutNeurons split = heldOutRule.apply(first.unitIds(), first.source());
        long[] heldInIds = HeldOutNeurons.ids(first.unitIds(), split.heldIn());
        long[] heldOutIds = HeldOutNeurons.ids(first.unitIds(), split.heldOut());
        int[][] heldIn = new int[sessions.size()][];
        int[][] heldOut = new int[sessions.size()][];
        for (int s = 0; s < sessions.size(); s++) {
            heldIn[s] = SessionUnits.positions(sessions.get(s).unitIds(), heldInIds);
            heldOut[s] = SessionUnits.positions(sessions.get(s).unitIds(), heldOutIds);
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
        TrialRows.Truth truth = sim == null ? null
                : TrialRows.truth(sim, simulated.simulator().trialsPerCondition(), heldIn[0], heldOut[0],
                        windows.bins());
        TrialRows payload = new TrialRows(sessions, windows, heldIn, heldOut, kept.toArray(int[][]::new), truth);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<TrialRows> broadcast = jsc.broadcast(payload);
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
        return new Binned(rows, shape(windows, binner.binMs(), heldInIds, heldOutIds, sessions, trueLatentDim),
                droppedSpikes, windows.skippedTrials());
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

    private static NeuralShape shape(SpikeBinner.TrialWindows windows, double binMs, long[] heldInIds,
                                     long[] heldOutIds, List<SpikeRecording> sessions, int trueLatentDim) {
        return new NeuralShape(windows.bins(), windows.forwardBins(), binMs,
                Arrays.stream(heldInIds).boxed().toList(), Arrays.stream(heldOutIds).boxed().toList(),
                sessions.stream().map(SpikeRecording::session).toList(), trueLatentDim,
                sessions.get(0).hasConditions());
    }



}
