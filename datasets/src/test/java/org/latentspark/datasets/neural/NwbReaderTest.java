package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;

class NwbReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsBackExactlyWhatTheWriterWrote() {
        Path file = dir.resolve("monkey-a.nwb");
        SpikeRecording written = TestRecordings.small("monkey-a", "memory");
        NwbWriter.write(written, file);

        SpikeRecording read = NwbReader.read(file.toString(), new Configuration(), "condition");

        assertEquals("monkey-a", read.session());
        assertEquals(file.toString(), read.source());
        assertArrayEquals(written.unitIds(), read.unitIds());
        for (int u = 0; u < written.unitCount(); u++) {
            assertArrayEquals(written.spikeTimes()[u], read.spikeTimes()[u], 0.0, "unit " + u);
        }
        assertArrayEquals(written.trialStarts(), read.trialStarts(), 0.0);
        assertArrayEquals(written.trialStops(), read.trialStops(), 0.0);
        assertArrayEquals(written.conditions(), read.conditions());
        assertEquals(written.events().keySet(), read.events().keySet());
        assertArrayEquals(written.events().get("go_cue_time"), read.events().get("go_cue_time"), 0.0);
    }

    @Test
    void withoutAConditionColumnConfiguredThereAreNoConditions() {
        Path file = dir.resolve("s.nwb");
        NwbWriter.write(TestRecordings.small("s", "memory"), file);
        assertNull(NwbReader.read(file, "").conditions());
    }

    @Test
    void readsThroughAHadoopUri() {
        Path file = dir.resolve("s.nwb");
        NwbWriter.write(TestRecordings.small("s", "memory"), "file://" + file, new Configuration());
        assertEquals(3, NwbReader.read("file://" + file, new Configuration(), "condition").trialCount());
    }

    /** A file as h5py and pynwb write it: variable-length strings, uint8 index, object-reference target. */
    @Test
    void readsAFileWrittenTheWayPynwbWritesIt() throws IOException {
        SpikeRecording rec = NwbReader.read(fixture("pynwb-style.nwb"), "trial_type");
        assertArrayEquals(new long[] {0, 1}, rec.unitIds());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, rec.spikeTimes()[0], 0.0);
        assertArrayEquals(new double[] {0.05, 0.4}, rec.spikeTimes()[1], 0.0, "sorted on reading");
        assertArrayEquals(new String[] {"reach", "grasp"}, rec.conditions());
        assertArrayEquals(new double[] {0.2, 0.7}, rec.event("go_cue_time"), 0.0);
        assertEquals(java.util.Set.of("go_cue_time", "target_id"), rec.events().keySet(),
                "text, boolean and ragged columns are not events");
    }

    @Test
    void noUnitsTableNamesFileAndField() {
        Path file = hdf("no-units.nwb", h -> NwbGroups.trials(h, new double[] {0}, new double[] {1}));
        assertMessage(file, "no units table (/units)");
    }

    @Test
    void noSpikeTimesNamesFileAndField() {
        Path file = hdf("no-spikes.nwb", h -> {
            h.putGroup("units").putDataset("id", new long[] {1});
            NwbGroups.trials(h, new double[] {0}, new double[] {1});
        });
        assertMessage(file, "no spike_times (/units/spike_times)");
    }

    @Test
    void decreasingIndexNamesFileAndField() {
        Path file = hdf("bad-index.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1, 0.2, 0.3}, new long[] {2, 1});
            NwbGroups.trials(h, new double[] {0}, new double[] {1});
        });
        assertMessage(file, "/units/spike_times_index[1] = 1 must be non-decreasing");
    }

    @Test
    void indexPastTheEndNamesFileAndField() {
        Path file = hdf("long-index.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1, 0.2, 0.3}, new long[] {1, 4});
            NwbGroups.trials(h, new double[] {0}, new double[] {1});
        });
        assertMessage(file, "/units/spike_times_index[1] = 4");
    }

    @Test
    void nonFiniteSpikeTimeNamesFileFieldAndUnit() {
        Path file = hdf("nan.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1, Double.NaN, 0.3}, new long[] {1, 3});
            NwbGroups.trials(h, new double[] {0}, new double[] {1});
        });
        assertMessage(file, "/units/spike_times[1] (unit 101) is NaN");
    }

    @Test
    void noTrialsTableNamesFileAndField() {
        Path file = hdf("no-trials.nwb", h -> NwbGroups.units(h, new double[] {0.1}, new long[] {1, 1}));
        assertMessage(file, "no trials table (/intervals/trials)");
    }

    @Test
    void trialsWithoutStartTimeNamesFileAndField() {
        Path file = hdf("no-start.nwb", h -> {
            NwbGroups.units(h, new double[] {0.1}, new long[] {1, 1});
            h.putGroup("intervals").putGroup("trials").putDataset("stop_time", new double[] {1});
        });
        assertMessage(file, "the trials table has no start_time (/intervals/trials/start_time)");
    }

    @Test
    void zeroTrialsNamesFileAndTable() throws IOException {
        assertMessage(fixture("zero-trials.nwb"), "the trials table (/intervals/trials) has no trials");
    }

    @Test
    void missingConditionColumnNamesFileAndColumn() {
        Path file = dir.resolve("s.nwb");
        NwbWriter.write(TestRecordings.small("s", "memory"), file);
        UserInputException e = assertThrows(UserInputException.class, () -> NwbReader.read(file, "stimulus"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("/intervals/trials/stimulus"), e.getMessage());
    }

    @Test
    void notHdf5NamesFile() throws IOException {
        Path file = Files.writeString(dir.resolve("text.nwb"), "not HDF5 at all");
        assertMessage(file, "is not a readable HDF5 (NWB) file");
    }

    @Test
    void missingFileNamesFile() {
        assertMessage(dir.resolve("absent.nwb"), "does not exist");
    }

    /** A test resource made by make_pynwb_style.py (h5py), copied to the temporary folder. */
    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private Path hdf(String name, Consumer<WritableHdfFile> content) {
        return NwbGroups.write(dir.resolve(name), content);
    }

    private static void assertMessage(Path file, String fragment) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> NwbReader.read(file.toString(), new Configuration(), ""));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
