package org.latentspark.jobs.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latentspark.common.EnvironmentException;
import org.latentspark.common.UserInputException;

/**
 * A Spark task that failed reading an input file (a corrupt Parquet page or footer where no checksum caught it, a
 * file gone or unreachable) reaches the driver as a multi-line stage failure. This finds Spark's "Encountered error
 * while reading file" in it and says it in one line naming the file: an input error for a file that is corrupt or
 * not what it claims, an environment error when the store could not be reached.
 */
final class FileReadFailures {
    private static final Pattern READING = Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details");

    private FileReadFailures() {
    }

    static Optional<RuntimeException> explain(Throwable failure) {
        Throwable reading = null;
        String file = null;
        // The innermost match: Spark's job-abort message quotes the task's, whose cause is the reader's failure.
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher m = READING.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                reading = t;
                file = m.group(1);
            }
        }
        if (reading == null) {
            return Optional.empty();
        }
        String cause = causes(reading.getCause());
        if (unreachable(reading)) {
            return Optional.of(new EnvironmentException("cannot reach " + file + ": " + cause
                    + "; check the store and retry", failure));
        }
        return Optional.of(new UserInputException("cannot read " + file + ": " + cause + "; the file is corrupt or "
                + "not what the dataset's manifest recorded: shard the dataset again or restore the file "
                + "(dataset.verify = sha256 finds changed files before any step reads them)", failure));
    }

    /** The distinct messages of a cause chain, outermost first, on one line. */
    private static String causes(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            message = message.lines().findFirst().orElse("").strip();
            if (!message.isEmpty() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.length() == 0 ? "unknown failure" : text.toString();
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
