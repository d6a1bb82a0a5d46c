package org.latentspark.jobs.neural;

import java.util.Arrays;
import java.util.List;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.NeuralDataSettings;
import org.latentspark.datasets.neural.HeldOutNeurons;
import org.latentspark.datasets.neural.LorenzSimulator;
import org.latentspark.datasets.neural.NeuralSource;
import org.latentspark.datasets.neural.RecordedSessions;
import org.latentspark.datasets.neural.SpikeBinner;

/** Maps the dataset section of the configuration to a source of binned trials. */
public final class NeuralSources {
    private NeuralSources() {
    }

    static NeuralSource from(DatasetSettings ds, long seed) {
        NeuralDataSettings n = ds.neural();
        HeldOutNeurons.Rule heldOut = new HeldOutNeurons.Rule(n.heldOutFraction(), n.heldOutUnits(), seed);
        NeuralSource source = switch (ds.format()) {
            case DatasetSettings.LORENZ -> NeuralSource.lorenz(simulator(n.lorenz(), seed), n.lorenz().sessions(),
                    heldOut);
            case DatasetSettings.NWB -> RecordedSessions.nwb(paths(ds.path()), n.conditionColumn(), binner(n), heldOut);
            case DatasetSettings.KILOSORT -> RecordedSessions.kilosort(paths(ds.path()), n.kilosortSampleRateHz(),
                    n.kilosortTrialsFile(), n.kilosortClusterGroups(), n.conditionColumn(), binner(n), heldOut);
            case DatasetSettings.SPIKE_PARQUET -> RecordedSessions.spikeParquet(ds.path(), n.parquetTrialsPath(),
                    n.conditionColumn(), binner(n), heldOut);
            default -> throw new IllegalArgumentException("not a spike-train format: " + ds.format());
        };
        return n.truthPath().isBlank() ? source : source.withTruth(n.truthPath());
    }

    public static LorenzSimulator simulator(NeuralDataSettings.Lorenz l, long seed) {
        return new LorenzSimulator(l.conditions(), l.trialsPerCondition(), l.neurons(), l.bins(), l.forwardBins(),
                l.binMs(), l.baseRateHz(), l.gain(), seed);
    }

    private static SpikeBinner binner(NeuralDataSettings n) {
        return n.align().isBlank() ? SpikeBinner.fromTrialStart(n.binMs(), n.lengthMs(), n.forwardMs())
                : SpikeBinner.aroundEvent(n.binMs(), n.align(), n.beforeMs(), n.afterMs(), n.forwardMs());
    }

    private static List<String> paths(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }
}
