package org.latentspark.jobs.training;

/**
 * A run that did not really train: an epoch whose parameters did not change, whose examples were not all trained,
 * or in which an executor trained nothing. The message names the trainer, the epoch and the executor.
 */
public class TrainingIncompleteException extends RuntimeException {
    public TrainingIncompleteException(String message) {
        super(message);
    }
}
