package org.latentspark.datasets.neural;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.latentspark.common.UserInputException;

/**
 * One session of sorted spikes and its trial table, as read from a file: what every neural reader produces and the
 * binner consumes. Times are in seconds on the session's clock. The arrays are taken as they are, not copied.
 *
 * @param session     the session's name, unique among the sessions of a dataset (it prefixes trial ids)
 * @param unitIds     the units' ids, distinct
 * @param spikeTimes  per unit (same order as unitIds), its spike times, ascending and finite
 * @param trialStarts per trial, its start time
 * @param trialStops  per trial, its stop time, not before its start
 * @param conditions  per trial, its condition, or null when the source has no condition column
 * @param events      named per-trial times (e.g. go cue, movement onset); NaN where a trial has no such event
 * @param source      the file or folder the session came from, for messages
 */
public record SpikeRecording(String session, long[] unitIds, double[][] spikeTimes, double[] trialStarts,
                             double[] trialStops, String[] conditions, Map<String, double[]> events, String source)
        implements Serializable {

    public SpikeRecording {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(source, "source");
        if (unitIds.length != spikeTimes.length) {
            throw new IllegalArgumentException(source + ": " + unitIds.length + " unit ids but " + spikeTimes.length
                    + " spike trains");
        }
        Set<Long> seen = new HashSet<>();
        for (long id : unitIds) {
            if (!seen.add(id)) {
                throw new UserInputException(source + ": unit id " + id + " appears twice in the units table");
            }
        }
        for (int u = 0; u < spikeTimes.length; u++) {
            double[] times = spikeTimes[u];
            for (int i = 0; i < times.length; i++) {
                if (!Double.isFinite(times[i])) {
                    throw new UserInputException(source + ": spike time " + i + " of unit " + unitIds[u] + " is "
                            + times[i] + "; spike times must be finite");
                }
                if (i > 0 && times[i] < times[i - 1]) {
                    throw new IllegalArgumentException(source + ": spike times of unit " + unitIds[u]
                            + " are not sorted");
                }
            }
        }
        int trials = trialStarts.length;
        if (trialStops.length != trials) {
            throw new UserInputException(source + ": " + trials + " trial start_time values but "
                    + trialStops.length + " stop_time values");
        }
        if (trials == 0) {
            throw new UserInputException(source + ": the trials table has no trials");
        }
        for (int t = 0; t < trials; t++) {
            if (!Double.isFinite(trialStarts[t]) || !Double.isFinite(trialStops[t])) {
                throw new UserInputException(source + ": trial " + t + " has start_time " + trialStarts[t]
                        + " and stop_time " + trialStops[t] + "; both must be finite");
            }
            if (trialStops[t] < trialStarts[t]) {
                throw new UserInputException(source + ": trial " + t + " has stop_time " + trialStops[t]
                        + " before its start_time " + trialStarts[t]);
            }
        }
        if (conditions != null && conditions.length != trials) {
            throw new UserInputException(source + ": the condition column has " + conditions.length
                    + " values for " + trials + " trials");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : (events == null ? Map.<String, double[]>of() : events).entrySet()) {
            if (e.getValue().length != trials) {
                throw new UserInputException(source + ": trials column " + e.getKey() + " has "
                        + e.getValue().length + " values for " + trials + " trials");
            }
            copy.put(e.getKey(), e.getValue());
        }
        events = Collections.unmodifiableMap(copy);
    }

    public int unitCount() {
        return unitIds.length;
    }

    public int trialCount() {
        return trialStarts.length;
    }

    public boolean hasConditions() {
        return conditions != null;
    }

    public long spikeCount() {
        return Arrays.stream(spikeTimes).mapToLong(t -> t.length).sum();
    }

    /** The named event column; a UserInputException naming the source and the column when it has none. */
    public double[] event(String name) {
        double[] times = events.get(name);
        if (times == null) {
            throw new UserInputException(source + ": the trials table has no numeric column '" + name
                    + "' to align on (columns: " + String.join(", ", events.keySet()) + ")");
        }
        return times;
    }
}
