package org.latentspark.datasets;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.latentspark.common.UserInputException;

/** The bad-input tests' check that code fails with a UserInputException, even from inside a Spark task. */
public final class UserErrors {
    private UserErrors() {
    }

    /**
     * Runs code expected to fail with a UserInputException, directly or, when thrown in a Spark task, as the
     * cause of the SparkException that aborts the job; returns it.
     */
    public static UserInputException userError(Executable code) {
        Throwable thrown = assertThrows(Throwable.class, code);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UserInputException e) {
                return e;
            }
        }
        throw new AssertionError("expected a UserInputException, got " + thrown, thrown);
    }
}
