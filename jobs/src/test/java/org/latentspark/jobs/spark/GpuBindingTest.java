package org.latentspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GpuBindingTest {
    @Test
    void withoutAnAssignedGpuOrWithoutDevicesNothingIsBound() {
        assertEquals(-1, GpuBinding.deviceFor(List.of(), 4, null));
        assertEquals(-1, GpuBinding.deviceFor(List.of("1"), 0, null));
    }

    @Test
    void aSharedNodesPhysicalIndexIsTheDevice() {
        // Standalone mode: every executor sees all four GPUs; the task got GPU 2.
        assertEquals(2, GpuBinding.deviceFor(List.of("2", "3"), 4, null));
    }

    @Test
    void isolatedGpusAreNumberedFromZeroInVisibleOrder() {
        // YARN / Kubernetes: CUDA_VISIBLE_DEVICES=3,1 makes physical 1 ND4J's device 1, physical 3 its device 0.
        assertEquals(1, GpuBinding.deviceFor(List.of("1"), 2, "3,1"));
        assertEquals(0, GpuBinding.deviceFor(List.of("3"), 2, "3, 1"));
        // One visible GPU, addressed by another name (a UUID): device 0.
        assertEquals(0, GpuBinding.deviceFor(List.of("GPU-8f2c"), 1, "0"));
    }

    @Test
    void anAddressBeyondTheVisibleDevicesIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> GpuBinding.deviceFor(List.of("5"), 2, null));
        assertTrue(e.getMessage().contains("Spark assigned GPU 5 but ND4J sees 2 device(s)"), e.getMessage());
        var notIndex = assertThrows(IllegalArgumentException.class,
                () -> GpuBinding.deviceFor(List.of("GPU-8f2c"), 2, null));
        assertTrue(notIndex.getMessage().contains("'GPU-8f2c'"), notIndex.getMessage());
    }
}
