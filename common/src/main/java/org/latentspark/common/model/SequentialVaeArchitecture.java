package org.latentspark.common.model;

import java.io.Serializable;

/**
 * The shape of an LFADS-style sequential VAE ({@link SequentialVaeGraph}).
 *
 * @param heldInNeurons   neurons the encoder sees (Nin)
 * @param heldOutNeurons  neurons only predicted, for co-smoothing (Nout)
 * @param bins            time bins the encoder sees (T)
 * @param forwardBins     bins after those that are only predicted, for forward prediction (F)
 * @param factors         latent factors per time bin, from which every neuron's log-rate is a linear readout
 * @param encoderUnits    GRU units per direction of the initial-condition encoder
 * @param generatorUnits  GRU units of the generator
 * @param latentDim       dimension of the initial condition g0 (the VAE latent)
 * @param dropout         probability of dropping an encoder input or a generator output in training
 */
public record SequentialVaeArchitecture(int heldInNeurons, int heldOutNeurons, int bins, int forwardBins,
                                        int factors, int encoderUnits, int generatorUnits, int latentDim,
                                        double dropout) implements Serializable {

    public SequentialVaeArchitecture {
        atLeast("heldInNeurons", heldInNeurons, 1);
        atLeast("heldOutNeurons", heldOutNeurons, 0);
        atLeast("bins", bins, 1);
        atLeast("forwardBins", forwardBins, 0);
        atLeast("factors", factors, 1);
        atLeast("encoderUnits", encoderUnits, 1);
        atLeast("generatorUnits", generatorUnits, 1);
        atLeast("latentDim", latentDim, 1);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    private static void atLeast(String field, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(field + " must be at least " + least + ", got " + value);
        }
    }

    /** Neurons whose rates the model gives: held-in first, then held-out. */
    public int neurons() {
        return heldInNeurons + heldOutNeurons;
    }

    /** Time bins the generator runs for: the observed ones, then the forward-prediction ones. */
    public int steps() {
        return bins + forwardBins;
    }

    /** Width of the scored target per example: every neuron at every step. */
    public int features() {
        return neurons() * steps();
    }
}
