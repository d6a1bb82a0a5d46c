package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.latentspark.common.UserInputException;

/**
 * Cuts each trial of a session into a fixed number of equal time bins and counts every unit's spikes per bin.
 * The window starts at the trial's start, or at a named event minus {@code beforeMs}; every trial of every session
 * gets the same number of bins. An optional forward window of {@code forwardMs} follows the aligned window, as in
 * the Neural Latents Benchmark's forward prediction (Pei et al. 2021, "Neural Latents Benchmark '21").
 *
 * <p>Bins are left-closed: bin b holds spikes with {@code start + b·w <= t < start + (b+1)·w}. A spike within a
 * millionth of a bin below an edge counts as on the edge, so that times written in decimal (0.13 s) land in the
 * bin a person expects despite binary rounding; that is far below any recording's sampling resolution.
 */
public final class SpikeBinner implements Serializable {
    /** Tolerance at bin edges, in bins. */
    static final double EDGE_TOLERANCE = 1e-6;

    private final double binMs;
    private final String alignEvent;
    private final double lengthMs;
    private final double beforeMs;
    private final double afterMs;
    private final double forwardMs;

    private SpikeBinner(double binMs, String alignEvent, double lengthMs, double beforeMs, double afterMs,
                        double forwardMs) {
        if (!(binMs > 0) || !Double.isFinite(binMs)) {
            throw new UserInputException("the bin width (dataset.neural.bin-ms) must be positive, got " + binMs);
        }
        if (!(forwardMs >= 0)) {
            throw new UserInputException("the forward window (dataset.neural.forward-ms) must not be negative, got "
                    + forwardMs);
        }
        this.binMs = binMs;
        this.alignEvent = alignEvent;
        this.lengthMs = lengthMs;
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.forwardMs = forwardMs;
    }

    /**
     * Windows from each trial's start.
     *
     * @param lengthMs the window's length, a multiple of binMs; 0: the shortest trial's length, rounded down to bins
     */
    public static SpikeBinner fromTrialStart(double binMs, double lengthMs, double forwardMs) {
        if (!(lengthMs >= 0)) {
            throw new UserInputException("the window length (dataset.neural.length-ms) must not be negative, got "
                    + lengthMs);
        }
        return new SpikeBinner(binMs, null, lengthMs, 0, 0, forwardMs);
    }

    /** Windows from {@code beforeMs} before to {@code afterMs} after each trial's time in the event column. */
    public static SpikeBinner aroundEvent(double binMs, String event, double beforeMs, double afterMs,
                                          double forwardMs) {
        if (event == null || event.isBlank()) {
            throw new UserInputException("the alignment event (dataset.neural.align) must name a trials column");
        }
        if (!(beforeMs + afterMs > 0)) {
            throw new UserInputException("the window around '" + event + "' (dataset.neural.before-ms + "
                    + "dataset.neural.after-ms) must be longer than 0 ms, got " + beforeMs + " + " + afterMs);
        }
        return new SpikeBinner(binMs, event, 0, beforeMs, afterMs, forwardMs);
    }

    public double binMs() {
        return binMs;
    }

    /** The event column windows are aligned on, or null for the trial start. */
    public String alignEvent() {
        return alignEvent;
    }

    /** Adds the binning settings to a dataset's source description. */
    public void describe(ObjectNode into) {
        into.put("bin_ms", binMs).put("align", alignEvent == null ? "trial_start" : alignEvent)
                .put("length_ms", lengthMs).put("before_ms", beforeMs).put("after_ms", afterMs)
                .put("forward_ms", forwardMs);
    }

    /**
     * Where each trial's window starts in each session, and how many bins windows have. A trial whose alignment
     * event is NaN (it did not happen on that trial) gets no window; a session left with no window is an error.
     */
    public TrialWindows plan(List<SpikeRecording> sessions) {
        double binSeconds = binMs / 1000;
        int bins = alignEvent == null ? trialStartBins(sessions, binSeconds)
                : wholeBins(beforeMs + afterMs, "the window around '" + alignEvent
                        + "' (dataset.neural.before-ms + dataset.neural.after-ms)");
        int forwardBins = wholeBins(forwardMs, "the forward window (dataset.neural.forward-ms)");
        double[][] starts = new double[sessions.size()][];
        for (int s = 0; s < sessions.size(); s++) {
            SpikeRecording rec = sessions.get(s);
            if (alignEvent == null) {
                starts[s] = rec.trialStarts().clone();
            } else {
                double[] anchors = rec.event(alignEvent);
                starts[s] = new double[anchors.length];
                for (int t = 0; t < anchors.length; t++) {
                    starts[s][t] = anchors[t] - beforeMs / 1000;
                }
                if (Arrays.stream(starts[s]).allMatch(Double::isNaN)) {
                    throw new UserInputException(rec.source() + ": no trial has a value in column '" + alignEvent
                            + "' to align on");
                }
            }
        }
        return new TrialWindows(bins, forwardBins, binSeconds, starts);
    }

    private int trialStartBins(List<SpikeRecording> sessions, double binSeconds) {
        if (lengthMs > 0) {
            return wholeBins(lengthMs, "the window length (dataset.neural.length-ms)");
        }
        double shortest = Double.POSITIVE_INFINITY;
        String where = "";
        for (SpikeRecording rec : sessions) {
            for (int t = 0; t < rec.trialCount(); t++) {
                double length = rec.trialStops()[t] - rec.trialStarts()[t];
                if (length < shortest) {
                    shortest = length;
                    where = rec.source() + " trial " + t;
                }
            }
        }
        int bins = (int) Math.floor(shortest / binSeconds + EDGE_TOLERANCE);
        if (bins < 1) {
            throw new UserInputException("the shortest trial (" + where + ", " + shortest * 1000 + " ms) is shorter "
                    + "than one bin of " + binMs + " ms (dataset.neural.bin-ms); set dataset.neural.length-ms");
        }
        return bins;
    }

    private int wholeBins(double ms, String what) {
        double bins = ms / binMs;
        long rounded = Math.round(bins);
        if (Math.abs(bins - rounded) > EDGE_TOLERANCE) {
            throw new UserInputException(what + " of " + ms + " ms is not a whole number of bins of " + binMs
                    + " ms (dataset.neural.bin-ms)");
        }
        return (int) rounded;
    }

    /** Bin counts, window start times and total bins of a set of sessions; computes counts for one trial at a time. */
    public record TrialWindows(int bins, int forwardBins, double binSeconds, double[][] starts)
            implements Serializable {

        public int totalBins() {
            return bins + forwardBins;
        }

        /** Whether trial t of session s has a window (its alignment event happened). */
        public boolean has(int session, int trial) {
            return !Double.isNaN(starts[session][trial]);
        }

        /** Trials without a window, over all sessions. */
        public int skippedTrials() {
            int skipped = 0;
            for (double[] session : starts) {
                for (double start : session) {
                    skipped += Double.isNaN(start) ? 1 : 0;
                }
            }
            return skipped;
        }

        /**
         * Spike counts of one trial's aligned window followed by its forward window, (bins + forwardBins) × units,
         * time-major, units in the recording's order.
         */
        public int[] counts(SpikeRecording rec, int session, int trial) {
            int units = rec.unitCount();
            int[] counts = new int[totalBins() * units];
            double start = starts[session][trial];
            for (int u = 0; u < units; u++) {
                double[] times = rec.spikeTimes()[u];
                for (int i = firstCandidate(times, start); i < times.length; i++) {
                    int bin = binOf(times[i], start);
                    if (bin >= totalBins()) {
                        break;
                    }
                    if (bin >= 0) {
                        counts[bin * units + u]++;
                    }
                }
            }
            return counts;
        }

        /** Spikes of session s that fall in no trial's window (aligned or forward): what binning leaves out. */
        public long droppedSpikes(SpikeRecording rec, int session) {
            long dropped = 0;
            for (double[] times : rec.spikeTimes()) {
                boolean[] used = new boolean[times.length];
                for (double start : starts[session]) {
                    if (Double.isNaN(start)) {
                        continue;
                    }
                    for (int i = firstCandidate(times, start); i < times.length; i++) {
                        int bin = binOf(times[i], start);
                        if (bin >= totalBins()) {
                            break;
                        }
                        used[i] |= bin >= 0;
                    }
                }
                for (boolean u : used) {
                    dropped += u ? 0 : 1;
                }
            }
            return dropped;
        }

        private int binOf(double time, double start) {
            return (int) Math.floor((time - start) / binSeconds + EDGE_TOLERANCE);
        }

        /** The first spike that can lie at or after the window's start, given the edge tolerance. */
        private int firstCandidate(double[] times, double start) {
            double from = start - 2 * EDGE_TOLERANCE * binSeconds;
            int i = Arrays.binarySearch(times, from);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && times[i - 1] == from) {
                i--;
            }
            return i;
        }
    }
}
