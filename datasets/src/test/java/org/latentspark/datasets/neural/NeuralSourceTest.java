package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.NeuralSchema;
import org.latentspark.datasets.images.SharedSpark;

@ExtendWith(SharedSpark.class)
class NeuralSourceTest {
    @TempDir
    Path dir;

    @Test
    void nwbSessionsBinnedIntoTrialRows() {
        NwbWriter.write(TestRecordings.small("a", "memory"), dir.resolve("a.nwb"));
        // Session b lists the same units in another order; columns must still mean the same units.
        SpikeRecording small = TestRecordings.small("b", "memory");
        NwbWriter.write(new SpikeRecording("b", new long[] {42, 11, 5},
                new double[][] {small.spikeTimes()[2], small.spikeTimes()[0], small.spikeTimes()[1]},
                small.trialStarts(), small.trialStops(), small.conditions(), small.events(), "memory"),
                dir.resolve("b.nwb"));
        // Hold out unit 42; held-in units stay in file order of the first session: 11, 5.
        NeuralSource source = RecordedSessions.nwb(List.of(dir.toString()), "condition",
                SpikeBinner.fromTrialStart(250, 750, 250), new HeldOutNeurons.Rule(0.3, new long[] {42}, 1));

        NeuralSource.Binned binned = source.read(SharedSpark.spark());
        List<Row> rows = binned.rows().orderBy(NeuralSchema.ID).collectAsList();

        assertEquals(6, rows.size());
        Row a0 = rows.get(0);
        assertEquals("a/0", a0.getString(0));
        assertEquals("a", a0.getString(1));
        assertEquals(0, a0.getInt(2));
        assertEquals("left", a0.getString(3));
        // Hand-counted in SpikeBinnerTest: bins of trial 0 are unit 11: 2,0,1,0; unit 42: 1,0,0,1.
        assertEquals(List.of(2, 0, 0, 0, 1, 0), a0.getList(4));
        assertEquals(List.of(1, 0, 0), a0.getList(5));
        assertEquals(List.of(0, 0), a0.getList(6));
        assertEquals(List.of(1), a0.getList(7));
        assertTrue(a0.isNullAt(8) && a0.isNullAt(9));
        Row b0 = rows.get(3);
        assertEquals("b/0", b0.getString(0));
        assertEquals(a0.getList(4), b0.getList(4));
        assertEquals(a0.getList(5), b0.getList(5));

        ObjectNode shape = binned.shape().toJson();
        assertEquals(3, shape.get("bins").asInt());
        assertEquals(1, shape.get("forward_bins").asInt());
        assertEquals("[11,5]", shape.get("heldin_unit_ids").toString());
        assertEquals("[42]", shape.get("heldout_unit_ids").toString());
        assertEquals(2, shape.get("sessions").asInt());
        assertEquals(0, shape.get("true_latent_dim").asInt());
        assertTrue(shape.get("has_conditions").asBoolean());
        assertEquals(6, binned.droppedSpikes(), "unit 42 at 1.0, 2.5 and 4.1, in both sessions");
        assertEquals("nwb", source.source().get("format").asText());
        assertEquals(250, source.source().get("bin_ms").asDouble());
    }

    @Test
    void lorenzRowsCarryTrueLatentsAndRates() {
        LorenzSimulator sim = new LorenzSimulator(3, 2, 6, 10, 2, 10, 20, 1.0, 4);
        NeuralSource source = NeuralSource.lorenz(sim, 2, new HeldOutNeurons.Rule(0.34, new long[0], 8));

        NeuralSource.Binned binned = source.read(SharedSpark.spark());
        List<Row> rows = binned.rows().orderBy(NeuralSchema.ID).collectAsList();

        assertEquals(12, rows.size());
        ObjectNode shape = binned.shape().toJson();
        assertEquals(4, shape.get("heldin_units").asInt());
        assertEquals(2, shape.get("heldout_units").asInt());
        assertEquals(3, shape.get("true_latent_dim").asInt());
        assertEquals(0, binned.droppedSpikes());
        Row row = rows.get(5);
        assertEquals("lorenz-0/5", row.getString(0));
        assertEquals("2", row.getString(3));
        assertEquals(10 * 4, row.getList(4).size());
        assertEquals(10 * 2, row.getList(5).size());
        assertEquals(2 * 4, row.getList(6).size());
        assertEquals(10 * 3, row.getList(8).size());
        assertEquals(10 * 6, row.getList(9).size());
        LorenzSimulator.Simulation truth = sim.simulate();
        assertEquals((float) truth.latents()[2][7][1], (Float) row.getList(8).get(7 * 3 + 1));
        int firstHeldIn = (int) shape.get("heldin_unit_ids").get(0).asLong();
        assertEquals((float) truth.rates()[2][3][firstHeldIn], (Float) row.getList(9).get(3 * 6));
        long spikes = 0;
        for (Row r : rows) {
            for (int c = 4; c <= 7; c++) {
                spikes += r.<Integer>getList(c).stream().mapToLong(Integer::longValue).sum();
            }
        }
        SpikeRecording s0 = sim.recording(truth, 0);
        SpikeRecording s1 = sim.recording(truth, 1);
        assertEquals(s0.spikeCount() + s1.spikeCount(), spikes, "every simulated spike lands in a row");
    }

    @Test
    void sessionsWithOtherUnitsAreRefusedNamingBoth() {
        SpikeRecording a = TestRecordings.small("a", "a.nwb");
        SpikeRecording b = new SpikeRecording("b", new long[] {11, 5}, new double[][] {{}, {}},
                a.trialStarts(), a.trialStops(), a.conditions(), Map.of(), "b.nwb");
        UserInputException e = assertThrows(UserInputException.class,
                () -> SessionUnits.requireAgree(List.of(a, b)));
        assertTrue(e.getMessage().contains("a.nwb has 3 units") && e.getMessage().contains("b.nwb has 2 units"),
                e.getMessage());
    }

    @Test
    void sessionsDisagreeingOnConditionsAreRefusedNamingBoth() {
        SpikeRecording a = TestRecordings.small("a", "a.nwb");
        SpikeRecording b = new SpikeRecording("b", a.unitIds(), a.spikeTimes(), a.trialStarts(), a.trialStops(),
                null, Map.of(), "b.nwb");
        UserInputException e = assertThrows(UserInputException.class,
                () -> SessionUnits.requireAgree(List.of(a, b)));
        assertTrue(e.getMessage().contains("a.nwb has condition column, b.nwb has none"), e.getMessage());
        assertNull(b.conditions());
    }

    @Test
    void sameSessionNameTwiceIsRefused() {
        SpikeRecording a = TestRecordings.small("a", "x/a.nwb");
        SpikeRecording a2 = TestRecordings.small("a", "y/a.nwb");
        UserInputException e = assertThrows(UserInputException.class,
                () -> SessionUnits.requireAgree(List.of(a, a2)));
        assertTrue(e.getMessage().contains("x/a.nwb and y/a.nwb"), e.getMessage());
    }
}
