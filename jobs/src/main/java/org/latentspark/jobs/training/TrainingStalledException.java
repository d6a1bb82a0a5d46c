package org.latentspark.jobs.training;

import org.latentspark.common.EnvironmentException;

/** No training progress for train.stall-timeout: an environment failure, since --resume after a fix may succeed. */
public class TrainingStalledException extends EnvironmentException {
    public TrainingStalledException(String message, Throwable cause) {
        super(message, cause);
    }
}
