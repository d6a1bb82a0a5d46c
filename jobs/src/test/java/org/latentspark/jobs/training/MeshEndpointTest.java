package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;
import org.nd4j.parameterserver.distributed.v2.transport.impl.AeronUdpTransport;

class MeshEndpointTest {
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void closingAnEndpointEndsItsPollerQuietlyWhereDl4jsShutdownLeavesItRunning() throws Exception {
        List<Throwable> uncaught = new ArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
        try {
            // DL4J's own shutdown: the poller outlives it.
            List<Thread> running = MeshEndpoint.pollers();
            ModelParameterServer leaky = started();
            Thread leaked = newPoller(running, leaky);
            AeronUdpTransport leakyTransport = (AeronUdpTransport) leaky.getTransport();
            leaky.shutdown();
            leaked.join(1000);
            assertTrue(leaked.isAlive(), "DL4J 1.0.0-M2's shutdown ends its poller; MeshEndpoint may be unneeded");

            List<Thread> earlier = MeshEndpoint.pollers();
            ModelParameterServer mesh = started();
            Thread poller = newPoller(earlier, mesh);
            MeshEndpoint.close(mesh);
            poller.join(5000);
            assertFalse(poller.isAlive(), "the closed endpoint's poller still runs");
            assertFalse(mesh.isInitialized());
            assertTrue(leaked.isAlive(), "another endpoint's poller is left alone");
            MeshEndpoint.endThreads(leakyTransport);
            leaked.join(5000);
            assertFalse(leaked.isAlive(), "the poller of an endpoint DL4J shut down still runs");
            assertEquals(List.of(), uncaught, "the pollers' end reaches no uncaught-exception handler");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    private static ModelParameterServer started() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(0))) {
            port = probe.getLocalPort();
        }
        VoidConfiguration conf = VoidConfiguration.builder().unicastPort(port).controllerAddress("127.0.0.1").build();
        ModelParameterServer mesh = new ModelParameterServer(conf, new AeronUdpTransport("127.0.0.1", port, conf),
                true);
        mesh.launch();
        assertTrue(mesh.isInitialized());
        return mesh;
    }

    /** The one poller thread that started with {@code mesh}, beside those running before. */
    private static Thread newPoller(List<Thread> before, ModelParameterServer mesh) throws InterruptedException {
        List<Thread> added = List.of();
        for (int tries = 0; tries < 50 && added.isEmpty(); tries++) {
            Thread.sleep(100);
            added = MeshEndpoint.pollers().stream().filter(t -> !before.contains(t)).toList();
        }
        assertEquals(1, added.size(), "poller threads started with " + mesh.getTransport().id());
        return added.get(0);
    }
}
