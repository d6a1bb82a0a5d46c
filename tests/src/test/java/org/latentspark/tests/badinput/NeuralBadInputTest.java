package org.latentspark.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.latentspark.datasets.neural.NwbGroups;
import org.latentspark.datasets.neural.NwbWriter;
import org.latentspark.datasets.neural.SpikeRecording;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;
import org.latentspark.tests.Outputs;

/**
 * Bad spike-train input through {@code shard}: NWB files whose structure or content the reader must refuse, and
 * sessions that do not fit together. Each must exit with the input status, one line on stderr naming the file and
 * the field, and nothing at the output path; spikes outside every trial are not an error but are counted.
 */
class NeuralBadInputTest extends BadInputCase {
    private Cli.Result shardNwb(String path, String... sets) {
        List<String> all = new ArrayList<>(List.of("dataset.format=nwb", "dataset.path=\"" + path + "\""));
        all.addAll(List.of(sets));
        return Cli.shard(out(), all.toArray(String[]::new));
    }

    private Path hdf(String name, Consumer<WritableHdfFile> content) {
        return NwbGroups.write(tmp.resolve(name), content);
    }

    private static void trials(WritableGroup h) {
        NwbGroups.trials(h, new double[] {0.0, 0.5}, new double[] {0.4, 0.9});
    }

    /**
     * A valid session: the given units with one spike in the first bin of each of 8 trials of 100 ms (starting at
     * 1 s, every 200 ms) and, when {@code conditions}, a condition column alternating "left" and "right".
     */
    private static SpikeRecording session(String name, long[] unitIds, boolean conditions) {
        int trials = 8;
        double[] starts = new double[trials];
        double[] stops = new double[trials];
        String[] condition = new String[trials];
        for (int t = 0; t < trials; t++) {
            starts[t] = 1.0 + 0.2 * t;
            stops[t] = starts[t] + 0.1;
            condition[t] = t % 2 == 0 ? "left" : "right";
        }
        double[][] spikes = new double[unitIds.length][];
        for (int u = 0; u < unitIds.length; u++) {
            spikes[u] = Arrays.stream(starts).map(s -> s + 0.0025).toArray();
        }
        return new SpikeRecording(name, unitIds, spikes, starts, stops, conditions ? condition : null, Map.of(), name);
    }

    @Test
    void nwbFileWithoutAUnitsTable() {
        Path file = hdf("no-units.nwb", NeuralBadInputTest::trials);
        assertFailsCleanly(shardNwb(file.toString()), "no-units.nwb", "no units table", "/units");
    }

    @Test
    void spikeTimesIndexThatDecreases() {
        Path file = hdf("bad-index.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1, 0.2, 0.3}, new long[] {2, 1});
            trials(h);
        });
        assertFailsCleanly(shardNwb(file.toString()), "bad-index.nwb", "/units/spike_times_index[1] = 1",
                "non-decreasing");
    }

    @Test
    void nanSpikeTime() {
        Path file = hdf("nan.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1, Double.NaN, 0.3}, new long[] {1, 3});
            trials(h);
        });
        assertFailsCleanly(shardNwb(file.toString()), "nan.nwb", "/units/spike_times[1]", "unit 101", "NaN");
    }

    @Test
    void noTrialsTable() {
        Path file = hdf("no-trials.nwb", h -> NwbGroups.units(h, new double[] {0.1, 0.2}, new long[] {1, 2}));
        assertFailsCleanly(shardNwb(file.toString()), "no-trials.nwb", "no trials table", "/intervals/trials");
    }

    /** A trials table with no rows: made with h5py (datasets' make_pynwb_style.py), as jhdf writes no empty dataset. */
    @Test
    void zeroTrials() throws IOException {
        Path file = tmp.resolve("zero-trials.nwb");
        try (InputStream in = getClass().getResourceAsStream("/zero-trials.nwb")) {
            Files.copy(in, file);
        }
        assertFailsCleanly(shardNwb(file.toString()), "zero-trials.nwb",
                "the trials table (/intervals/trials) has no trials");
    }

    @Test
    void sessionsOfOneFolderWithDifferentUnits() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("sessions"));
        NwbWriter.write(session("a", new long[] {1, 2, 3, 4}, true), folder.resolve("a.nwb"));
        NwbWriter.write(session("b", new long[] {1, 2, 3, 5}, true), folder.resolve("b.nwb"));
        assertFailsCleanly(shardNwb(folder.toString()), "sessions disagree on their units", "a.nwb",
                "[1, 2, 3, 4]", "b.nwb", "[1, 2, 3, 5]");
    }

    /** The condition column is required of every file once configured, so the file without one is named. */
    @Test
    void conditionsInOneSessionOnly() {
        Path a = tmp.resolve("a.nwb");
        Path b = tmp.resolve("b.nwb");
        NwbWriter.write(session("a", new long[] {1, 2, 3, 4}, true), a);
        NwbWriter.write(session("b", new long[] {1, 2, 3, 4}, false), b);
        assertFailsCleanly(shardNwb(a + "," + b, "dataset.neural.condition-column=condition"), "b.nwb",
                "no condition column 'condition'",
                "/intervals/trials/condition");
    }

    @Test
    void spikesOutsideEveryTrialAreDroppedAndCounted() {
        SpikeRecording inside = session("s", new long[] {1, 2, 3, 4}, true);
        double[][] spikes = inside.spikeTimes();
        // Before the first trial (1 s), in the gap after the first trial (1.1 s to 1.2 s), after the last (2.5 s).
        spikes[0] = sorted(spikes[0], 0.5, 1.15);
        spikes[1] = sorted(spikes[1], 0.5, 1.15, 1.17);
        spikes[3] = sorted(spikes[3], 3.0);
        int outside = 6;
        Path file = tmp.resolve("s.nwb");
        NwbWriter.write(new SpikeRecording("s", inside.unitIds(), spikes, inside.trialStarts(), inside.trialStops(),
                inside.conditions(), Map.of(), "s"), file);

        Cli.Result result = shardNwb(file.toString(), "dataset.name=spikes");

        assertEquals(0, result.exitCode(), result.stderr());
        var manifest = new Outputs(out()).json(out().resolve("datasets/spikes/_manifest.json"));
        assertEquals(outside, manifest.at("/shape/dropped_spikes").asLong(), manifest.toString());
        assertEquals(0, manifest.at("/shape/skipped_trials").asLong());
        assertEquals(8, manifest.at("/counts/total").asLong());
    }

    private static double[] sorted(double[] times, double... more) {
        double[] all = Arrays.copyOf(times, times.length + more.length);
        System.arraycopy(more, 0, all, times.length, more.length);
        Arrays.sort(all);
        return all;
    }

    @Test
    void nwbUnitsWithoutSpikeTimes() {
        Path file = hdf("no-spike-times.nwb", h -> {
            h.putGroup("units").putDataset("id", new long[] {100, 101});
            trials(h);
        });
        assertFailsCleanly(shardNwb(file.toString()), "no-spike-times.nwb", "the units table has no spike_times",
                "/units/spike_times");
    }

    /** Spike times stored as text, as a careless converter might write them. */
    @Test
    void nwbSpikeTimesOfAnUnexpectedType() {
        Path file = hdf("text-times.nwb", h -> {
            WritableGroup units = h.putGroup("units");
            units.putDataset("id", new long[] {100, 101});
            units.putDataset("spike_times", new String[] {"0.1", "0.2", "0.3"});
            units.putDataset("spike_times_index", new long[] {1, 3});
            trials(h);
        });
        assertFailsCleanly(shardNwb(file.toString()), "text-times.nwb", "/units/spike_times",
                "must be a one-dimensional numeric column");
    }

    @Test
    void nwbFileThatIsNotHdf5() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.nwb"), "session notes, saved with the wrong extension");
        assertFailsCleanly(shardNwb(file.toString()), file.toString(), "not a readable HDF5 (NWB) file");
    }

    /** A Kilosort folder: spike_times.npy and spike_clusters.npy as given, and a trial table of two trials. */
    private Path kilosort(String name, byte[] spikeTimes, byte[] spikeClusters, boolean trials) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.write(folder.resolve("spike_times.npy"), spikeTimes);
        Files.write(folder.resolve("spike_clusters.npy"), spikeClusters);
        if (trials) {
            Files.writeString(folder.resolve("trials.csv"), "start_time,stop_time\n0.0,0.5\n0.5,1.0\n");
        }
        return folder;
    }

    private Cli.Result shardKilosort(Path folder) {
        return Cli.shard(out(), "dataset.format=kilosort", "dataset.path=\"" + folder + "\"");
    }

    /** A NumPy .npy file of version 1.0 holding a vector of {@code n} values of {@code dtype}, e.g. "<u8". */
    private static byte[] npy(String dtype, int n, int width) {
        String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + n + ",), }";
        int padded = (header.length() + 11 + 63) / 64 * 64 - 10;
        StringBuilder text = new StringBuilder(header);
        while (text.length() < padded - 1) {
            text.append(' ');
        }
        text.append('\n');
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(10 + text.length() + n * width)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1)
                .put((byte) 0).putShort((short) text.length())
                .put(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < n; i++) {
            if (width == 8) {
                buf.putLong(1000L * (i + 1));
            } else {
                buf.putInt(i % 2);
            }
        }
        return buf.array();
    }

    /** Kilosort writes sample indices as integers; seconds as float32 are refused, not truncated. */
    @Test
    void kilosortSpikeTimesOfTheWrongDtype() throws IOException {
        Path folder = kilosort("floats", npy("<f4", 4, 4), npy("<i4", 4, 4), true);
        assertFailsCleanly(shardKilosort(folder), folder.resolve("spike_times.npy").toString(),
                "dtype must be an integer type", "'<f4'");
    }

    @Test
    void kilosortSpikeAndClusterCountsThatDisagree() throws IOException {
        Path folder = kilosort("counts", npy("<u8", 4, 8), npy("<i4", 3, 4), true);
        assertFailsCleanly(shardKilosort(folder), "spike_times.npy has 4 spikes but",
                "spike_clusters.npy has 3 cluster ids");
    }

    @Test
    void kilosortFolderWithoutATrialTable() throws IOException {
        Path folder = kilosort("no-trials", npy("<u8", 4, 8), npy("<i4", 4, 4), false);
        assertFailsCleanly(shardKilosort(folder), "trial table " + folder.resolve("trials.csv") + " does not exist");
    }

    @Test
    void kilosortTrialTableWithTextWhereTimesBelong() throws IOException {
        Path folder = kilosort("text-times", npy("<u8", 4, 8), npy("<i4", 4, 4), false);
        Files.writeString(folder.resolve("trials.csv"), "start_time,stop_time\n0.0,0.5\n0.5,late\n");
        assertFailsCleanly(shardKilosort(folder), "trials.csv, trial 1 (line 3): stop_time 'late' is not a number");
    }
}
