package org.latentspark.common;

/**
 * A failure caused by the user's input (a file, a record, a configuration key), as opposed to a bug.
 * The command line prints its message alone, on one line, and exits non-zero; the message must name
 * the file, record or key at fault.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
