package org.latentspark.jobs.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.latentspark.common.EnvironmentException;

/**
 * Checks, before Spark starts, that a standalone master (spark://host:port, or a comma-separated list of them for
 * a master with standby) answers. Spark itself retries for about a minute, then fails with "No active SparkContext",
 * which names nothing.
 */
final class MasterCheck {
    static final int TIMEOUT_MS = 5000;

    private MasterCheck() {
    }

    static void requireReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort.trim());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new EnvironmentException("Spark master " + master + " is not spark://host:port");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failures.add(hostPort.trim() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()));
            }
        }
        throw new EnvironmentException("Spark master " + master + " is unreachable (" + String.join("; ", failures)
                + "); check --master (or spark.master) and that the master is running");
    }
}
