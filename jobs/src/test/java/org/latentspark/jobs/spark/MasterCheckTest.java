package org.latentspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.latentspark.common.EnvironmentException;

class MasterCheckTest {
    @Test
    void aMasterThatAnswersPassesAndOtherMastersAreNotChecked() throws Exception {
        try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = master.getLocalPort();
            assertDoesNotThrow(() -> MasterCheck.requireReachable("spark://127.0.0.1:" + port));
            // A standby list passes when one of its masters answers.
            assertDoesNotThrow(() -> MasterCheck.requireReachable("spark://127.0.0.1:1,127.0.0.1:" + port));
        }
        assertDoesNotThrow(() -> MasterCheck.requireReachable("local[2]"));
        assertDoesNotThrow(() -> MasterCheck.requireReachable("yarn"));
    }

    @Test
    void anUnreachableMasterIsNamedWithWhatFailed() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + closed;
        var e = assertThrows(EnvironmentException.class, () -> MasterCheck.requireReachable(master));
        assertTrue(e.getMessage().startsWith("Spark master " + master + " is unreachable (127.0.0.1:" + closed
                + ": Connection refused"), e.getMessage());
        assertTrue(e.getMessage().endsWith("check --master (or spark.master) and that the master is running"),
                e.getMessage());
        var malformed = assertThrows(EnvironmentException.class, () -> MasterCheck.requireReachable("spark://h"));
        assertTrue(malformed.getMessage().contains("is not spark://host:port"), malformed.getMessage());
    }
}
