package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.manifest.Json;

/** Neural sources of recorded sessions, one session per NWB file, Kilosort folder or session of a spike table. */
public final class RecordedSessions {
    private RecordedSessions() {
    }

    /**
     * NWB files, one session each.
     *
     * @param paths           NWB files or folders of them (every {@code *.nwb} inside, in name order), any Hadoop URI
     * @param conditionColumn the trials column of conditions; null or blank: none
     */
    public static NeuralSource nwb(List<String> paths, String conditionColumn, SpikeBinner binner,
                                   HeldOutNeurons.Rule heldOut) {
        ObjectNode source = describe(DatasetSettings.NWB, paths, conditionColumn);
        return new NeuralSource(spark -> {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            List<SpikeRecording> sessions = new ArrayList<>();
            for (String file : NwbFiles.list(paths, conf)) {
                sessions.add(NwbReader.read(file, conf, conditionColumn));
            }
            return sessions;
        }, binner, heldOut, source);
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
        ObjectNode source = describe(DatasetSettings.KILOSORT, folders, conditionColumn);
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
                String csv = trials.contains("/") ? trials : NwbFiles.stripSlash(folder) + "/" + trials;
                sessions.add(KilosortReader.read(folder, sampleRateHz, csv, conditionColumn, clusterGroups,
                        spark.sparkContext().hadoopConfiguration()));
            }
            return sessions;
        }, binner, heldOut, source);
    }

    /** Sessions from a Parquet spike table and trial table; see {@link ParquetSpikeTable}. */
    public static NeuralSource spikeParquet(String spikesPath, String trialsPath, String conditionColumn,
                                            SpikeBinner binner, HeldOutNeurons.Rule heldOut) {
        ObjectNode source = describe(DatasetSettings.SPIKE_PARQUET, List.of(spikesPath), conditionColumn);
        source.put("trials_path", trialsPath);
        return new NeuralSource(spark -> ParquetSpikeTable.read(spark, spikesPath, trialsPath, conditionColumn),
                binner, heldOut, source);
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
}
