package org.latentspark.jobs.training;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.latentspark.common.EnvironmentException;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;

/**
 * Checks, before DL4J's gradient-sharing mesh starts in a JVM, what its Aeron transport needs and otherwise fails on
 * deep inside a training task, or hangs: a free UDP port, and room in the shared-memory folder where Aeron maps its
 * buffers (after reclaiming the folders dead JVMs left there). The errors name the JVM, the port or folder, and the
 * setting that moves it. Runs as the partition function in front of DL4J's on each executor.
 */
final class SharingPreflight implements FlatMapFunction<Iterator<String>, String> {
    private final ExecutorPortSupplier ports;
    private final int executors;

    SharingPreflight(ExecutorPortSupplier ports, int executors) {
        this.ports = ports;
        this.executors = executors;
    }

    @Override
    public Iterator<String> call(Iterator<String> paths) {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        if (!"driver".equals(executor) && !ModelParameterServer.getInstance().isInitialized()) {
            check(ports.getPort(), executors, "executor " + executor, message -> { });
        }
        return paths;
    }

    /** The driver's check: unless an earlier fit's mesh (which DL4J replaces) holds the port in this JVM. */
    static void checkDriver(int port, int executors, Consumer<String> log) {
        if (!ModelParameterServer.getInstance().isInitialized()) {
            check(port, executors, "the driver", log);
        }
    }

    private static void check(int port, int executors, String who, Consumer<String> log) {
        Path aeron = AeronDirectory.base();
        List<Path> reclaimed = AeronDirectory.reclaimStale(aeron, AeronDirectory.DEAD_AFTER);
        if (!reclaimed.isEmpty()) {
            log.accept("reclaimed " + reclaimed.size() + " Aeron folder(s) of dead JVMs in " + aeron.getParent());
        }
        AeronDirectory.requireRoom(aeron, executors, who);
        requireFree(port, who);
    }

    /** Fails with a message naming {@code who} and the port when nothing can bind UDP {@code port} here. */
    static void requireFree(int port, String who) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(port));
        } catch (SocketException e) {
            throw new EnvironmentException("gradient sharing: UDP port " + port + " of " + who + " is taken ("
                    + e.getMessage() + "); set train.sharing.port to a free base port (the driver uses it, executor i "
                    + "port + 1 + i)");
        }
    }
}
