package org.latentspark.common;

/**
 * A failure of the environment the run needs (the output location, the Spark master, a port, shared memory), as
 * opposed to bad input or a bug: fixing the environment and retrying may succeed, which a scheduler can tell from
 * the command line's own exit status. The message names the resource and what to do.
 */
public class EnvironmentException extends RuntimeException {
    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
