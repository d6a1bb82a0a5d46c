package org.latentspark.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark home that Spark's multi-process modes start executors and workers from. The build sets SPARK_HOME
 * (and SPARK_SCALA_VERSION) for the tests (tests/pom.xml); no Spark distribution is downloaded: executors get the
 * test class path (local-cluster), or the jars linked into its jars/ folder (standalone).
 */
final class SparkHome {
    private SparkHome() {
    }

    /** Before a command on a new master: the Spark home exists, and no earlier in-process session is reused. */
    static void prepare() {
        require();
        stopInProcessSessions();
    }

    static Path require() {
        String home = System.getenv("SPARK_HOME");
        if (home == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException("SPARK_HOME and SPARK_SCALA_VERSION must be set (tests/pom.xml sets them)");
        }
        Path path = Path.of(home);
        try {
            Files.createDirectories(path.resolve("jars"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /**
     * Stops the local Spark session earlier tests left in this JVM: the command line's getOrCreate would otherwise
     * reuse it and ignore --master.
     */
    static void stopInProcessSessions() {
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }
}
