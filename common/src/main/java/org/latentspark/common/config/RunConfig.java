package org.latentspark.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.Serializable;
import java.util.List;

/**
 * The whole configuration of a run, read and validated once at start. Invalid values fail here, naming the key,
 * before any Spark work runs. The resolved configuration is kept for the run manifest.
 */
public record RunConfig(long seed, DatasetSettings dataset, ModelSettings model, TrainSettings train,
                        EvaluateSettings evaluate, String resolvedJson) implements Serializable {

    /** The same configuration with other train settings (the resolved JSON, the user's, is kept). */
    public RunConfig withTrain(TrainSettings other) {
        return new RunConfig(seed, dataset, model, other, evaluate, resolvedJson);
    }

    /** The same configuration with other model settings (the resolved JSON, the user's, is kept). */
    public RunConfig withModel(ModelSettings other) {
        return new RunConfig(seed, dataset, other, train, evaluate, resolvedJson);
    }

    public static RunConfig load(String configFile, List<String> overrides) {
        return from(ConfigLoader.load(configFile, overrides));
    }

    public static RunConfig from(Config config) {
        Settings s = new Settings(config);
        DatasetSettings dataset = DatasetSettings.from(s);
        return new RunConfig(s.longValue("seed"), dataset, ModelSettings.from(s, dataset.modality()),
                TrainSettings.from(s), EvaluateSettings.from(s),
                config.root().render(ConfigRenderOptions.concise().setFormatted(true)));
    }
}
