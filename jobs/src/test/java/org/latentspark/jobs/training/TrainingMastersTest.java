package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingMastersTest {
    @Test
    void subnetsMaskTheAddressToThePrefix() {
        byte[] address = {10, (byte) 200, 17, 5};
        assertEquals("10.200.0.0/16", TrainingMasters.subnet(address, 16));
        assertEquals("10.200.17.0/24", TrainingMasters.subnet(address, 24));
        assertEquals("10.200.17.5/32", TrainingMasters.subnet(address, 32));
        assertEquals("0.0.0.0/0", TrainingMasters.subnet(address, 0));
        assertEquals("192.168.0.0/16", TrainingMasters.subnet(new byte[] {(byte) 192, (byte) 168, 3, 4}, 16));
    }
}
