package org.latentspark.common.model;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GruRecurrencesTest {
    @Test
    void anEpochsFullAndShortMinibatchesEachKeepTheirRecurrence() {
        GruRecurrences kept = new GruRecurrences(false);
        GruRecurrence full = kept.of(DataType.FLOAT, 6, 16, 3);
        GruRecurrence shortLast = kept.of(DataType.FLOAT, 6, 5, 3);
        assertNotSame(full, shortLast);
        assertSame(full, kept.of(DataType.FLOAT, 6, 16, 3));
        assertSame(shortLast, kept.of(DataType.FLOAT, 6, 5, 3));
        // A third size replaces the one used least recently (the full one was used before the short one).
        GruRecurrence third = kept.of(DataType.FLOAT, 6, 7, 3);
        assertSame(shortLast, kept.of(DataType.FLOAT, 6, 5, 3));
        assertSame(third, kept.of(DataType.FLOAT, 6, 7, 3));
        assertNotSame(full, kept.of(DataType.FLOAT, 6, 16, 3));
        // Other dimensions at a kept size make a new one.
        GruRecurrence longer = kept.of(DataType.FLOAT, 9, 5, 3);
        assertNotSame(shortLast, longer);
        assertSame(longer, kept.of(DataType.FLOAT, 9, 5, 3));
    }
}
