package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.latentspark.common.EnvironmentException;

class SharingPreflightTest {
    @Test
    void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(0))) {
            int port = taken.getLocalPort();
            var e = assertThrows(EnvironmentException.class, () -> SharingPreflight.requireFree(port, "executor 1"));
            assertTrue(e.getMessage().startsWith("gradient sharing: UDP port " + port + " of executor 1 is taken"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("train.sharing.port"), e.getMessage());
        }
    }

    @Test
    void aFreePortPasses() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(0))) {
            port = probe.getLocalPort();
        }
        assertDoesNotThrow(() -> SharingPreflight.requireFree(port, "the driver"));
    }
}
