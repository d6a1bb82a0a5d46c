package org.latentspark.common.config;

import java.io.Serializable;
import java.util.List;

/** dataset.neural and dataset.lorenz: how spike trains are read, binned, aligned and split into held-in/out units. */
public record NeuralDataSettings(String conditionColumn, double binMs, String align, double lengthMs,
                                 double beforeMs, double afterMs, double forwardMs, double heldOutFraction,
                                 long[] heldOutUnits, double kilosortSampleRateHz, String kilosortTrialsFile,
                                 List<String> kilosortClusterGroups, String parquetTrialsPath,
                                 String truthPath, Lorenz lorenz) implements Serializable {

    /** The Lorenz simulator's sizes (LFADS's synthetic benchmark design). */
    public record Lorenz(int sessions, int conditions, int trialsPerCondition, int neurons, int bins,
                         int forwardBins, double binMs, double baseRateHz, double gain) implements Serializable {
    }

    static NeuralDataSettings from(Settings s) {
        List<Long> ids = s.longs("dataset.neural.heldout-units");
        return new NeuralDataSettings(s.string("dataset.neural.condition-column"),
                s.positive("dataset.neural.bin-ms"), s.string("dataset.neural.align"),
                s.nonNegative("dataset.neural.length-ms"), s.nonNegative("dataset.neural.before-ms"),
                s.nonNegative("dataset.neural.after-ms"), s.nonNegative("dataset.neural.forward-ms"),
                s.fraction("dataset.neural.heldout-fraction"), ids.stream().mapToLong(Long::longValue).toArray(),
                s.positive("dataset.neural.kilosort.sample-rate-hz"), s.string("dataset.neural.kilosort.trials-file"),
                s.strings("dataset.neural.kilosort.cluster-groups"), s.string("dataset.neural.parquet-trials-path"),
                s.string("dataset.neural.truth-path"),
                new Lorenz(s.intAtLeast("dataset.lorenz.sessions", 1), s.intAtLeast("dataset.lorenz.conditions", 1),
                        s.intAtLeast("dataset.lorenz.trials-per-condition", 1),
                        s.intAtLeast("dataset.lorenz.neurons", 2), s.intAtLeast("dataset.lorenz.bins", 2),
                        s.intAtLeast("dataset.lorenz.forward-bins", 0), s.positive("dataset.lorenz.bin-ms"),
                        s.positive("dataset.lorenz.base-rate-hz"), s.nonNegative("dataset.lorenz.gain")));
    }
}
