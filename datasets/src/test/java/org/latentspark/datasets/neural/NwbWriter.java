package org.latentspark.datasets.neural;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.latentspark.common.io.HadoopFiles;

/**
 * Writes a SpikeRecording as an NWB 2 file with jhdf: the units table as NWB's ragged array
 * ({@code /units/spike_times}, {@code spike_times_index} end offsets, {@code id}) and the trials table
 * ({@code /intervals/trials}: {@code start_time}, {@code stop_time}, {@code condition} when the recording has
 * conditions, then one column per event), with the attributes NWB readers look for ({@code neurodata_type},
 * {@code namespace}, {@code object_id}, {@code colnames}, {@code description}) and the file's required fields.
 *
 * <p>Where jhdf 0.13 falls short of what pynwb writes: strings are fixed-length UTF-8 (jhdf writes no
 * variable-length strings; h5py and pynwb read both), a VectorIndex has no {@code target} object reference (jhdf
 * writes no references), an empty dataset cannot be written, so a recording without any spike is refused, and
 * the empty groups NWB lists as required ({@code acquisition}, {@code analysis}, {@code processing},
 * {@code stimulus}) are left out: jhdf 0.13.0 writes a corrupt object header for a group without children, which
 * jhdf, h5py and h5dump then fail to read.
 * Dates are the Unix epoch so that a simulated file is the same on every run.
 */
public final class NwbWriter {
    static final String NWB_VERSION = "2.7.0";
    private static final String EPOCH = "1970-01-01T00:00:00+00:00";

    private NwbWriter() {
    }

    /** Writes to any Hadoop URI, through a local temporary file (HDF5 is written with random access). */
    public static void write(SpikeRecording rec, String path, Configuration conf) {
        try {
            Path temp = Files.createTempFile("latentspark-", ".nwb");
            try {
                write(rec, temp);
                try (OutputStream out = new HadoopFiles(conf).create(path)) {
                    Files.copy(temp, out);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Writes a local file, replacing it if it exists. */
    public static void write(SpikeRecording rec, Path file) {
        if (rec.spikeCount() == 0) {
            throw new IllegalArgumentException("session " + rec.session() + " has no spikes; jhdf cannot write the "
                    + "empty spike_times dataset that NWB would need");
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            typed(hdf, rec.session(), "", "NWBFile");
            hdf.putAttribute("nwb_version", NWB_VERSION);
            hdf.putDataset("identifier", rec.session());
            hdf.putDataset("session_description", "spike recording " + rec.session() + " written by latentspark");
            hdf.putDataset("session_start_time", EPOCH);
            hdf.putDataset("timestamps_reference_time", EPOCH);
            hdf.putDataset("file_create_date", new String[] {EPOCH});
            hdf.putGroup("general").putDataset("session_id", rec.session());
            writeUnits(hdf.putGroup("units"), rec);
            writeTrials(hdf.putGroup("intervals").putGroup("trials"), rec);
        }
    }

    private static void writeUnits(WritableGroup units, SpikeRecording rec) {
        typed(units, rec.session(), NwbReader.UNITS, "Units");
        units.putAttribute("description", "sorted units");
        units.putAttribute("colnames", new String[] {"spike_times"});
        double[] all = new double[Math.toIntExact(rec.spikeCount())];
        long[] ends = new long[rec.unitCount()];
        int end = 0;
        for (int u = 0; u < rec.unitCount(); u++) {
            double[] times = rec.spikeTimes()[u];
            System.arraycopy(times, 0, all, end, times.length);
            end += times.length;
            ends[u] = end;
        }
        typed(units.putDataset("id", rec.unitIds()), rec.session(), NwbReader.UNIT_IDS, "ElementIdentifiers");
        column(units.putDataset("spike_times", all), rec.session(), NwbReader.SPIKE_TIMES,
                "the spike times of each unit, in seconds");
        index(units.putDataset("spike_times_index", ends), rec.session(), NwbReader.SPIKE_TIMES_INDEX);
    }

    private static void writeTrials(WritableGroup trials, SpikeRecording rec) {
        typed(trials, rec.session(), NwbReader.TRIALS, "TimeIntervals");
        trials.putAttribute("description", "experimental trials");
        List<String> columns = new ArrayList<>(List.of(NwbReader.START_TIME, NwbReader.STOP_TIME));
        long[] ids = new long[rec.trialCount()];
        for (int t = 0; t < ids.length; t++) {
            ids[t] = t;
        }
        typed(trials.putDataset("id", ids), rec.session(), NwbReader.TRIALS + "/id", "ElementIdentifiers");
        column(trials.putDataset(NwbReader.START_TIME, rec.trialStarts()), rec.session(),
                NwbReader.TRIALS + "/start_time", "start time of each trial, in seconds");
        column(trials.putDataset(NwbReader.STOP_TIME, rec.trialStops()), rec.session(),
                NwbReader.TRIALS + "/stop_time", "stop time of each trial, in seconds");
        if (rec.hasConditions()) {
            column(trials.putDataset("condition", rec.conditions()), rec.session(), NwbReader.TRIALS + "/condition",
                    "condition of each trial");
            columns.add("condition");
        }
        for (Map.Entry<String, double[]> event : rec.events().entrySet()) {
            column(trials.putDataset(event.getKey(), event.getValue()), rec.session(), NwbReader.TRIALS + "/"
                    + event.getKey(), "time of " + event.getKey() + " in each trial, in seconds");
            columns.add(event.getKey());
        }
        trials.putAttribute("colnames", columns.toArray(String[]::new));
    }

    private static void column(WritableDataset data, String session, String path, String description) {
        typed(data, session, path, "VectorData");
        data.putAttribute("description", description);
    }

    private static void index(WritableDataset data, String session, String path) {
        typed(data, session, path, "VectorIndex");
        data.putAttribute("description", "end offsets of each unit's spike times");
    }

    private static void typed(WritableNode node, String session, String path, String type) {
        node.putAttribute("namespace", "core");
        node.putAttribute("neurodata_type", type);
        // Stable ids: the same recording always gives the same file.
        node.putAttribute("object_id", UUID.nameUUIDFromBytes((session + ":" + path)
                .getBytes(StandardCharsets.UTF_8)).toString());
    }
}
