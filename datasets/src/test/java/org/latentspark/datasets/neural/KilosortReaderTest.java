package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;

class KilosortReaderTest {
    private static final String TRIALS = "start_time,stop_time,condition,go_cue_time,outcome\n"
            + "0.0,1.0,left,0.4,hit\n"
            + "1.5,2.5,\"right, far\",,miss\n";

    @TempDir
    Path dir;

    @Test
    void readsSpikesClustersAndTrials() throws IOException {
        Path folder = session("rat-7", "<u8", "<i4");

        SpikeRecording rec = KilosortReader.read(folder.toString(), 1000, null, "condition", List.of(), new Configuration());

        assertEquals("rat-7", rec.session());
        assertArrayEquals(new long[] {2, 9, 40}, rec.unitIds(), "clusters in id order");
        assertArrayEquals(new double[] {0.010, 1.600}, rec.spikeTimes()[0], 1e-12);
        assertArrayEquals(new double[] {0.020, 0.030}, rec.spikeTimes()[1], 1e-12);
        assertArrayEquals(new double[] {2.0}, rec.spikeTimes()[2], 1e-12);
        assertArrayEquals(new double[] {0.0, 1.5}, rec.trialStarts(), 0.0);
        assertArrayEquals(new String[] {"left", "right, far"}, rec.conditions());
        assertEquals(java.util.Set.of("go_cue_time"), rec.events().keySet(), "text columns are not events");
        assertEquals(0.4, rec.event("go_cue_time")[0]);
        assertTrue(Double.isNaN(rec.event("go_cue_time")[1]), "an empty cell: no go cue on that trial");
    }

    @Test
    void unsignedAndBigEndianTypesReadTheSame() throws IOException {
        Path folder = session("be", ">i8", "<u4");
        SpikeRecording rec = KilosortReader.read(folder.toString(), 1000, null, "", List.of(), new Configuration());
        assertArrayEquals(new long[] {2, 9, 40}, rec.unitIds());
        assertNull(rec.conditions());
    }

    @Test
    void readsNpyFilesWrittenByNumpy() throws IOException {
        Path folder = session("numpy", "<i8", "<i4");
        copy("numpy_spike_times.npy", folder.resolve(KilosortReader.SPIKE_TIMES));
        copy("numpy_spike_clusters.npy", folder.resolve(KilosortReader.SPIKE_CLUSTERS));
        SpikeRecording rec = KilosortReader.read(folder.toString(), 1000, null, "", List.of(), new Configuration());
        assertArrayEquals(new long[] {2, 9, 40}, rec.unitIds());
        assertArrayEquals(new double[] {0.010, 1.600}, rec.spikeTimes()[0], 1e-12);
    }

    @Test
    void clusterGroupsKeepOnlyTheLabelledClustersPreferringPhysCuration() throws IOException {
        Path folder = session("curated", "<u8", "<i4");
        Files.writeString(folder.resolve(PhyClusterLabels.AUTOMATIC), "cluster_id\tKSLabel\n2\tgood\n9\tgood\n40\tmua\n");
        SpikeRecording automatic = KilosortReader.read(folder.toString(), 1000, null, "", List.of("good"),
                new Configuration());
        assertArrayEquals(new long[] {2, 9}, automatic.unitIds());

        // Phy's curation wins over Kilosort's labels; labels match whatever their case; unlabelled clusters go.
        Files.writeString(folder.resolve(PhyClusterLabels.CURATED), "cluster_id\tgroup\n9\tnoise\n40\tGood\n");
        SpikeRecording curated = KilosortReader.read(folder.toString(), 1000, null, "", List.of("good", "mua"),
                new Configuration());
        assertArrayEquals(new long[] {40}, curated.unitIds());
        assertArrayEquals(new double[] {2.0}, curated.spikeTimes()[0], 1e-12);
    }

    @Test
    void clusterGroupsWithoutLabelsOrMatchesNameTheFolder() throws IOException {
        Path folder = session("unlabelled", "<u8", "<i4");
        UserInputException missing = assertThrows(UserInputException.class, () -> KilosortReader.read(
                folder.toString(), 1000, null, "", List.of("good"), new Configuration()));
        assertTrue(missing.getMessage().contains(folder + " has neither cluster_group.tsv"), missing.getMessage());

        Files.writeString(folder.resolve(PhyClusterLabels.CURATED), "cluster_id\tgroup\n2\tnoise\n");
        UserInputException none = assertThrows(UserInputException.class, () -> KilosortReader.read(
                folder.toString(), 1000, null, "", List.of("good"), new Configuration()));
        assertTrue(none.getMessage().contains("no spikes in clusters labelled [good]"), none.getMessage());

        Files.writeString(folder.resolve(PhyClusterLabels.CURATED), "cluster_id\tgroup\nnine\tgood\n");
        UserInputException bad = assertThrows(UserInputException.class, () -> KilosortReader.read(
                folder.toString(), 1000, null, "", List.of("good"), new Configuration()));
        assertTrue(bad.getMessage().contains("cluster_group.tsv line 2: cluster id 'nine'"), bad.getMessage());
    }

    @Test
    void lengthMismatchNamesBothFiles() throws IOException {
        Path folder = session("bad", "<u8", "<i4");
        Files.write(folder.resolve(KilosortReader.SPIKE_CLUSTERS), NpyFiles.encode(new long[] {1, 2}, "<i4"));
        UserInputException e = read(folder);
        assertTrue(e.getMessage().contains(KilosortReader.SPIKE_TIMES + " has 5 spikes"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.resolve(KilosortReader.SPIKE_CLUSTERS).toString()),
                e.getMessage());
    }

    @Test
    void truncatedNpyNamesTheFile() throws IOException {
        Path folder = session("cut", "<u8", "<i4");
        Path times = folder.resolve(KilosortReader.SPIKE_TIMES);
        byte[] whole = Files.readAllBytes(times);
        Files.write(times, Arrays.copyOf(whole, whole.length - 3));
        UserInputException e = read(folder);
        assertTrue(e.getMessage().contains(times + " is truncated"), e.getMessage());
    }

    @Test
    void floatingPointSpikeTimesAreRefusedNamingTheFile() throws IOException {
        Path folder = session("float", "<u8", "<i4");
        Path times = folder.resolve(KilosortReader.SPIKE_TIMES);
        Files.write(times, new String(NpyFiles.encode(new long[] {1}, "<i8"), java.nio.charset.StandardCharsets
                .ISO_8859_1).replace("<i8", "<f8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        UserInputException e = read(folder);
        assertTrue(e.getMessage().contains(times + ": dtype must be an integer type"), e.getMessage());
    }

    @Test
    void trialTableWithoutHeaderNamesFileAndColumn() throws IOException {
        Path folder = session("nohead", "<u8", "<i4");
        Files.writeString(folder.resolve("trials.csv"), "0.0,1.0\n1.5,2.5\n");
        UserInputException e = read(folder);
        assertTrue(e.getMessage().contains(folder.resolve("trials.csv") + " has no column 'start_time'"),
                e.getMessage());
    }

    @Test
    void nonNumericStartNamesFileLineAndColumn() throws IOException {
        Path folder = session("text", "<u8", "<i4");
        Files.writeString(folder.resolve("trials.csv"),
                "start_time,stop_time,condition\n0.0,1.0,a\nsoon,2.5,b\n");
        UserInputException e = read(folder);
        assertTrue(e.getMessage().contains("trials.csv, trial 1 (line 3): start_time 'soon' is not a number"),
                e.getMessage());
    }

    @Test
    void missingFolderNamesTheFile() {
        UserInputException e = read(dir.resolve("absent"));
        assertTrue(e.getMessage().contains("absent/" + KilosortReader.SPIKE_TIMES + " does not exist"),
                e.getMessage());
    }

    /** A test resource made by make_kilosort_npy.py (NumPy). */
    private void copy(String resource, Path to) throws IOException {
        try (java.io.InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static UserInputException read(Path folder) {
        return assertThrows(UserInputException.class,
                () -> KilosortReader.read(folder.toString(), 1000, null, "condition", List.of(), new Configuration()));
    }

    /** Five spikes at samples 10, 20, 30, 1600, 2000 of clusters 2, 9, 9, 2, 40, and the trial table. */
    private Path session(String name, String timesType, String clustersType) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.write(folder.resolve(KilosortReader.SPIKE_TIMES),
                NpyFiles.encode(new long[] {10, 20, 30, 1600, 2000}, timesType));
        Files.write(folder.resolve(KilosortReader.SPIKE_CLUSTERS),
                NpyFiles.encode(new long[] {2, 9, 9, 2, 40}, clustersType));
        Files.writeString(folder.resolve("trials.csv"), TRIALS);
        return folder;
    }
}
