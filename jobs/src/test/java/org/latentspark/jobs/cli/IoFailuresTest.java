package org.latentspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.latentspark.common.EnvironmentException;
import org.latentspark.common.UserInputException;

/** One-line errors for I/O failures, on failure chains shaped as the driver receives them. */
class IoFailuresTest {
    /** A real ENOSPC from the operating system: /dev/full refuses every write with it. */
    private static IOException noSpace() {
        try {
            Files.write(Path.of("/dev/full"), new byte[4096]);
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("/dev/full accepted a write");
    }

    @Test
    void aFullDiskOnTheDriverIsAnEnvironmentErrorNamingTheFile() {
        IOException enospc = noSpace();
        assertTrue(enospc.getMessage().contains("No space left on device"), enospc.getMessage());
        var failure = new UncheckedIOException("cannot write /data/out/runs/r1/manifest.json", enospc);
        RuntimeException explained = IoFailures.explain(failure).orElseThrow();
        assertInstanceOf(EnvironmentException.class, explained);
        assertEquals("no space left on the device writing /data/out/runs/r1/manifest.json: free space on that file "
                + "system (the output, or Spark's scratch space, spark.local.dir) and continue with --resume",
                explained.getMessage());
        assertEquals(LatentSparkCli.EXIT_ENVIRONMENT, LatentSparkCli.report(failure));
    }

    @Test
    void aFullDiskInASparkTaskNamesTheFileTheTaskWrote() {
        var failure = new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most "
                + "recent failure: Task failed while writing rows to file:/data/out/datasets/d/part-0.parquet.\n"
                + "Driver stacktrace:", new IOException(noSpace()));
        RuntimeException explained = IoFailures.explain(failure).orElseThrow();
        assertTrue(explained.getMessage().startsWith("no space left on the device writing "
                + "file:/data/out/datasets/d/part-0.parquet: "), explained.getMessage());
    }

    @Test
    void aCorruptFileInASparkReadIsAnInputErrorNamingTheFile() {
        var reading = new SparkException("Encountered error while reading file file:///d/split=train/part-0.parquet. "
                + "Details:", new RuntimeException(new IOException("could not read page in col [pixels]")));
        var failure = new SparkException("Job aborted due to stage failure: " + reading.getMessage(), reading);
        RuntimeException explained = IoFailures.explain(failure).orElseThrow();
        assertInstanceOf(UserInputException.class, explained);
        assertTrue(explained.getMessage().startsWith("cannot read file:///d/split=train/part-0.parquet: "
                + "java.io.IOException: could not read page in col [pixels]; the file is corrupt"),
                explained.getMessage());
    }

    @Test
    void aStoreThatTimesOutIsAnEnvironmentError() {
        var failure = new SparkException("Encountered error while reading file s3a://b/d/part-0.parquet. Details:",
                new SocketTimeoutException("Read timed out"));
        RuntimeException explained = IoFailures.explain(failure).orElseThrow();
        assertInstanceOf(EnvironmentException.class, explained);
        assertEquals("cannot reach s3a://b/d/part-0.parquet: Read timed out; check the store and retry",
                explained.getMessage());
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertTrue(IoFailures.explain(new IllegalStateException("a bug")).isEmpty());
    }
}
