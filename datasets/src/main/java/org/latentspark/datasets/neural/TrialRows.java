package org.latentspark.datasets.neural;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What executors need to bin any trial of a neural source, broadcast once: the sessions, their trial windows, the
 * held-in and held-out units' positions per session, and the simulator's truth. trials[i] = {session, trial} of
 * row i.
 */
record TrialRows(List<SpikeRecording> sessions, SpikeBinner.TrialWindows windows, int[][] heldIn, int[][] heldOut,
                 int[][] trials, Truth truth) implements Serializable {

    /** Row {@code index} of the source, binned. */
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
    record Truth(float[][] latents, float[][] rates, int trialsPerCondition) implements Serializable {
        int conditionOf(int trial) {
            return trial / trialsPerCondition;
        }
    }

    static Truth truth(LorenzSimulator.Simulation sim, int trialsPerCondition, int[] heldIn, int[] heldOut,
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
}
