package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class GroundTruthTest {
    private static final double BIN_MS = 10;
    private static final HeldOutNeurons.Rule HELD_OUT = new HeldOutNeurons.Rule(0.34, new long[0], 8);

    @TempDir
    Path dir;

    /** 2 conditions × 2 trials, 6 neurons, 10 bins and 2 forward bins of 10 ms. */
    private static LorenzSimulator simulator() {
        return new LorenzSimulator(2, 2, 6, 10, 2, BIN_MS, 20, 1.0, 4);
    }

    /** Writes sessions as NWB and the truth of {@code truthSessions} of them; returns the truth table's path. */
    private String write(LorenzSimulator sim, int sessions, int truthSessions) {
        LorenzSimulator.Simulation simulation = sim.simulate();
        LorenzNwbFiles.write(sim, simulation, sessions, dir.resolve("nwb").toString(), new Configuration());
        String truth = dir.resolve("truth").toString();
        sim.writeTruth(SharedSpark.spark(), simulation, truthSessions, truth);
        return truth;
    }

    private NeuralSource nwb(SpikeBinner binner) {
        return RecordedSessions.nwb(List.of(dir.resolve("nwb").toString()), "condition", binner, HELD_OUT);
    }

    @Test
    void nwbWithTruthGivesTheRowsOfTheSimulatorItself() {
        LorenzSimulator sim = simulator();
        String truth = write(sim, 2, 2);
        NeuralSource fromFiles = nwb(SpikeBinner.fromTrialStart(BIN_MS, 10 * BIN_MS, 2 * BIN_MS)).withTruth(truth);
        NeuralSource simulated = NeuralSource.lorenz(sim, 2, HELD_OUT);

        NeuralSource.Binned fromFilesBinned = fromFiles.read(SharedSpark.spark());
        NeuralSource.Binned simulatedBinned = simulated.read(SharedSpark.spark());
        List<Row> read = fromFilesBinned.rows().orderBy(NeuralSchema.ID).collectAsList();
        List<Row> expected = simulatedBinned.rows().orderBy(NeuralSchema.ID).collectAsList();

        assertEquals(8, read.size());
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            for (String column : NeuralSchema.RECORD.fieldNames()) {
                assertEquals(expected.get(i).<Object>getAs(column), read.get(i).<Object>getAs(column),
                        column + " of " + expected.get(i).getString(0));
            }
        }
        assertEquals(10 * 3, read.get(5).getList(8).size());
        assertEquals(10 * 6, read.get(5).getList(9).size());
        // Held-in then held-out is not unit-id order here, so the rates were really reordered.
        String order = fromFilesBinned.shape().heldInUnitIds().toString() + fromFilesBinned.shape().heldOutUnitIds();
        assertNotEquals("[0, 1, 2, 3][4, 5]", order);
        assertEquals(simulatedBinned.shape().heldOutUnitIds(), fromFilesBinned.shape().heldOutUnitIds());
        assertEquals(3, fromFilesBinned.shape().trueLatentDim());
        assertEquals(truth, fromFiles.source().get("truth_path").asText());
        assertFalse(nwb(SpikeBinner.fromTrialStart(BIN_MS, 10 * BIN_MS, 2 * BIN_MS)).source().has("truth_path"));
    }

    @Test
    void truthOfOtherBinsIsRefusedNamingTableAndTrial() {
        String truth = write(simulator(), 1, 1);
        NeuralSource shorter = nwb(SpikeBinner.fromTrialStart(BIN_MS, 8 * BIN_MS, 0)).withTruth(truth);
        UserInputException e = assertThrows(UserInputException.class, () -> shorter.read(SharedSpark.spark()));
        assertTrue(e.getMessage().contains("truth table " + truth + ": session lorenz-0 trial 0 has 10 bins, but "
                + "its window is binned into 8 bins"), e.getMessage());
    }

    @Test
    void binnedTrialWithoutTruthIsRefused() {
        String truth = write(simulator(), 2, 1);
        NeuralSource source = nwb(SpikeBinner.fromTrialStart(BIN_MS, 10 * BIN_MS, 0)).withTruth(truth);
        UserInputException e = assertThrows(UserInputException.class, () -> source.read(SharedSpark.spark()));
        assertTrue(e.getMessage().contains("truth table " + truth + " has no row for session lorenz-1 trial 0 "
                + "(4 of the session's 4 binned trials have none)"), e.getMessage());
    }

    @Test
    void unitsOutsideTheDatasetAreRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> GroundTruth.permutation(new long[] {0, 1, 2, 99}, new long[] {2, 0, 1}, "t.parquet"));
        assertEquals("truth table t.parquet has rates of units [99] that are not units of the dataset",
                e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> GroundTruth.permutation(new long[] {0, 2}, new long[] {2, 0, 1}, "t.parquet"));
        assertEquals("truth table t.parquet has no rates of units [1] of the dataset", e.getMessage());
    }

    @Test
    void ratesReorderedToHeldInThenHeldOut() {
        // Truth units 3, 5, 7; wanted 7, 3, 5: permutation 2, 0, 1. Two bins: (1 2 3), (4 5 6) -> (3 1 2), (6 4 5).
        int[] permutation = GroundTruth.permutation(new long[] {3, 5, 7}, new long[] {7, 3, 5}, "t");
        assertArrayEquals(new int[] {2, 0, 1}, permutation);
        assertArrayEquals(new float[] {3, 1, 2, 6, 4, 5},
                GroundTruth.reorder(new float[] {1, 2, 3, 4, 5, 6}, permutation));
    }

    @Test
    void lorenzSourceTakesNoTruthTable() {
        NeuralSource lorenz = NeuralSource.lorenz(simulator(), 1, HELD_OUT);
        UserInputException e = assertThrows(UserInputException.class, () -> lorenz.withTruth("t"));
        assertTrue(e.getMessage().contains("dataset.neural.truth-path"), e.getMessage());
    }
}
