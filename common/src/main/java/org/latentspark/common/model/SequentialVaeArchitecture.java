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

    /**
     * Multiply-adds of one example's forward pass through the weight matrices, each counted as often as it applies:
     * the encoder's input and recurrent weights at each of the T steps in both directions, the generator's
     * recurrent weights and the factor and rate readouts at each of the T+F steps, g0's map once; biases and
     * element-wise work left out. Training costs about three times this (forward, backward to inputs and weights).
     */
    public long multiplyAddsPerExample() {
        long e = encoderUnits;
        long u = generatorUnits;
        long encoder = 2L * bins * (heldInNeurons * 3 * e + e * 2 * e + e * e);
        long posterior = 2 * e * 2L * latentDim;
        long generator = (long) latentDim * u + (long) steps() * (u * 2 * u + u * u);
        long readouts = (long) steps() * (u * factors + (long) factors * neurons());
        return encoder + posterior + generator + readouts;
    }

    /** Width of the scored target per example: every neuron at every step. */
    public int features() {
        return neurons() * steps();
    }
}
