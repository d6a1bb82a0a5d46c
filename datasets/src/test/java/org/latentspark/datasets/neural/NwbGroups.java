package org.latentspark.datasets.neural;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Hand-built NWB (HDF5) files for the readers' bad-input tests: only the groups a test puts in them. */
public final class NwbGroups {
    private NwbGroups() {
    }

    /** An HDF5 file written by jhdf with only what {@code content} puts in it. */
    public static Path write(Path file, Consumer<WritableHdfFile> content) {
        try (WritableHdfFile h = HdfFile.write(file)) {
            content.accept(h);
        }
        return file;
    }

    /** A units table of units 100 and 101 as NWB's ragged array: all spike times, then each unit's end offset. */
    public static void units(WritableGroup h, double[] spikeTimes, long[] index) {
        WritableGroup units = h.putGroup("units");
        units.putDataset("id", new long[] {100, 101});
        units.putDataset("spike_times", spikeTimes);
        units.putDataset("spike_times_index", index);
    }

    /** A trials table of the given start and stop times. */
    public static void trials(WritableGroup h, double[] starts, double[] stops) {
        WritableGroup trials = h.putGroup("intervals").putGroup("trials");
        trials.putDataset("start_time", starts);
        trials.putDataset("stop_time", stops);
    }
}
