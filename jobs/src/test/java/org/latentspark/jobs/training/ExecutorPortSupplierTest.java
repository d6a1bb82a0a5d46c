package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutorPortSupplierTest {
    private final ExecutorPortSupplier ports = new ExecutorPortSupplier(40123);

    @Test
    void theDriverTakesTheBasePortAndEachExecutorItsOwn() {
        assertEquals(40123, ports.portOf("driver"));
        assertEquals(40124, ports.portOf("0"));
        assertEquals(40125, ports.portOf("1"));
        // A replacement executor gets a new id, so a new port, while the old one may still be releasing its own.
        assertEquals(40123 + 1 + 999, ports.portOf("999"));
        assertEquals(40124, ports.portOf("1000"));
    }

    @Test
    void nonNumericIdsStayInRange() {
        int port = ports.portOf("exec-abc");
        assertTrue(port > 40123 && port <= 40123 + ExecutorPortSupplier.SPAN, "port " + port);
        assertNotEquals(ports.portOf("exec-abc"), ports.portOf("exec-abd"));
    }

    @Test
    void aBasePortWithoutRoomForTheExecutorsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ExecutorPortSupplier(65000));
        assertTrue(e.getMessage().contains("65000"), e.getMessage());
    }

    @Test
    void outsideSparkTheSupplierAnswersAsTheDriver() {
        assertEquals(40123, ports.getPort());
    }
}
