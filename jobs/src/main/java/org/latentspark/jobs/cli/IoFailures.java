package org.latentspark.jobs.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latentspark.common.EnvironmentException;
import org.latentspark.common.UserInputException;

/**
 * Input and output failures that reach the driver as multi-line stage failures or bare IOExceptions, said in one
 * line naming the file: a full disk (an environment error: free space, then --resume), and a Spark task that failed
 * reading an input file (Spark's "Encountered error while reading file"): an input error for a file that is corrupt
 * (a Parquet page or footer where no checksum caught it), an environment error when the store could not be reached.
 */
final class IoFailures {
    private static final Pattern FULL = Pattern.compile("No space left on device|Disk quota exceeded");
    private static final Pattern WRITING = Pattern.compile("(?:writing rows to|writing|write|create|cannot move) "
            + "(\\S*/\\S+?)[.,:]?(?:\\s|$)");
    private static final Pattern READING = Pattern.compile("Encountered error while reading file (\\S+?)\\.? Details");

    private IoFailures() {
    }

    static Optional<RuntimeException> explain(Throwable failure) {
        return diskFull(failure).or(() -> unreadableFile(failure));
    }

    /** ENOSPC or a quota, wherever in the chain; the file named where any message of the chain names one. */
    private static Optional<RuntimeException> diskFull(Throwable failure) {
        boolean full = false;
        String file = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            full |= FULL.matcher(message).find();
            Matcher writing = WRITING.matcher(message);
            if (file == null && writing.find()) {
                file = writing.group(1);
            }
        }
        if (!full) {
            return Optional.empty();
        }
        return Optional.of(new EnvironmentException("no space left on the device" + (file == null ? "" : " writing "
                + file) + ": free space on that file system (the output, or Spark's scratch space, spark.local.dir) "
                + "and continue with --resume", failure));
    }

    private static Optional<RuntimeException> unreadableFile(Throwable failure) {
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
