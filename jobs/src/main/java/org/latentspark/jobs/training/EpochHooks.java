package org.latentspark.jobs.training;

import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** What the epoch loop asks of the model it trains beyond its graph (a modality's, see Modality.epochHooks). */
public interface EpochHooks {
    /** No score, nothing to change between epochs. */
    EpochHooks NONE = network -> Optional.empty();

    /** The model's own validation score of a network (train.keep = selection), empty where it has none. */
    Optional<SelectionScore> selectionScore(ComputationGraph network);

    /** Sets what the model changes between epochs, before an epoch (0-based) trains. */
    default void beforeEpoch(ComputationGraph network, int epoch) {
    }
}
