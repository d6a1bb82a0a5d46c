package org.latentspark.jobs.neural;

import java.io.Serializable;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.datasets.neural.NeuralShape;

/**
 * The shape of a neural dataset's trials and of the model's outputs: observed and forward bins, held-in and
 * held-out units, factors and the initial condition's size, the bin width and the known latents' dimension.
 */
public record TrialGeometry(int bins, int forwardBins, int heldIn, int heldOut, int factors, int latentDim,
                            double binMs, int trueLatentDim, boolean hasConditions) implements Serializable {

    public static TrialGeometry of(DatasetManifest dataset, int factors, int latentDim) {
        NeuralShape shape = NeuralShape.fromJson(dataset.shape());
        return new TrialGeometry(shape.bins(), shape.forwardBins(), shape.heldInUnits(), shape.heldOutUnits(),
                factors, latentDim, shape.binMs(), shape.trueLatentDim(), shape.hasConditions());
    }

    public int units() {
        return heldIn + heldOut;
    }

    /** Bins the generator runs for: the observed window and the forward-prediction window. */
    public int totalBins() {
        return bins + forwardBins;
    }
}
