package org.latentspark.jobs.training;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.latentspark.common.UserInputException;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;

/**
 * Checks, before DL4J's gradient-sharing mesh starts in a JVM, that the UDP port the JVM will listen on is free:
 * taken, DL4J's Aeron transport fails deep inside a training task or, on some paths, the JVM never joins the mesh.
 * The error names the port, the executor and the setting that moves it.
 */
final class SharingPortCheck implements FlatMapFunction<Iterator<String>, String> {
    private final ExecutorPortSupplier ports;

    SharingPortCheck(ExecutorPortSupplier ports) {
        this.ports = ports;
    }

    @Override
    public Iterator<String> call(Iterator<String> paths) {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        if (!"driver".equals(executor) && !ModelParameterServer.getInstance().isInitialized()) {
            requireFree(ports.getPort(), "executor " + executor);
        }
        return paths;
    }

    /** The driver's check: unless an earlier fit's mesh (which DL4J replaces) holds the port in this JVM. */
    static void requireFreeOnDriver(int port) {
        if (!ModelParameterServer.getInstance().isInitialized()) {
            requireFree(port, "the driver");
        }
    }

    /** Fails with a message naming {@code who} and the port when nothing can bind UDP {@code port} here. */
    static void requireFree(int port, String who) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(port));
        } catch (SocketException e) {
            throw new UserInputException("gradient sharing: UDP port " + port + " of " + who + " is taken ("
                    + e.getMessage() + "); set train.sharing.port to a free base port (the driver uses it, executor i "
                    + "port + 1 + i)");
        }
    }
}
