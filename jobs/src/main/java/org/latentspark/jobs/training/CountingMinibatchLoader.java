package org.latentspark.jobs.training;

import java.io.IOException;
import java.io.InputStream;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.latentspark.common.KillSwitch;
import org.nd4j.common.loader.Source;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Reads an exported minibatch ({@link MinibatchCodec}) for a DL4J training worker and counts its examples for the executor that reads it:
 * DL4J's workers load each minibatch right before fitting it, so the count is what each executor trained.
 */
final class CountingMinibatchLoader implements MultiDataSetLoader {
    private final ExamplesPerExecutor trained;

    CountingMinibatchLoader(ExamplesPerExecutor trained) {
        this.trained = trained;
    }

    @Override
    public MultiDataSet load(Source source) throws IOException {
        MultiDataSet minibatch;
        try (InputStream in = source.getInputStream()) {
            minibatch = MinibatchCodec.read(in, source.getPath());
        }
        trained.add(minibatch.getFeatures(0).size(0));
        KillSwitch.point("inside-train");
        return minibatch;
    }
}
