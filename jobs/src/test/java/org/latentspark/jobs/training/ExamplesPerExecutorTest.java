package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExamplesPerExecutorTest {
    @Test
    void countsAddUpByExecutorAcrossMergedTaskCopies() {
        ExamplesPerExecutor driverSide = new ExamplesPerExecutor();
        assertTrue(driverSide.isZero());
        ExamplesPerExecutor task1 = (ExamplesPerExecutor) driverSide.copy();
        task1.add("0", 32);
        task1.add("0", 16);
        ExamplesPerExecutor task2 = (ExamplesPerExecutor) driverSide.copy();
        task2.add("1", 32);
        driverSide.merge(task1);
        driverSide.merge(task2);
        assertEquals(Map.of("0", 48L, "1", 32L), driverSide.value());
        driverSide.reset();
        assertTrue(driverSide.isZero());
    }

    @Test
    void outsideAnExecutorExamplesCountForTheDriver() {
        ExamplesPerExecutor counts = new ExamplesPerExecutor();
        counts.add(5L);
        assertEquals(Map.of("driver", 5L), counts.value());
    }
}
