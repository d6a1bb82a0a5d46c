package org.latentspark.jobs.steps;

import org.latentspark.common.UserInputException;
import org.latentspark.common.config.DatasetSettings;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.jobs.image.ImageModality;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.modality.Modality;
import org.latentspark.jobs.neural.NeuralModality;
import org.latentspark.jobs.text.TextModality;

/** The modality of a run, chosen by the dataset's format. */
public final class Modalities {
    private Modalities() {
    }

    public static Modality of(RunConfig config) {
        return switch (config.dataset().modality()) {
            case DatasetSettings.NEURAL -> new NeuralModality();
            case DatasetSettings.TEXT -> new TextModality();
            default -> new ImageModality();
        };
    }

    /** A run's modality with its sharded dataset, checked to hold that modality's data. */
    record WithDataset(Modality modality, DatasetManifest dataset) {
    }

    /** The configured modality and the dataset under ctx's dataset directory, which must hold its data. */
    static WithDataset withDataset(JobContext ctx) {
        Modality modality = of(ctx.config());
        DatasetManifest dataset = DatasetManifest.load(ctx.files(), ctx.datasetDir());
        requireMatches(modality, dataset, ctx.datasetDir());
        return new WithDataset(modality, dataset);
    }

    /** Fails when the sharded dataset holds another modality than the configuration's model expects. */
    private static void requireMatches(Modality modality, DatasetManifest dataset, String datasetDir) {
        if (!modality.name().equals(dataset.modality())) {
            throw new UserInputException("dataset at " + datasetDir + " holds " + dataset.modality()
                    + " data, but the configuration (dataset.format) is for " + modality.name() + " data");
        }
    }
}
