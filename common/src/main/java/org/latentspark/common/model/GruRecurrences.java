package org.latentspark.common.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A GRU layer's recurrences kept from one minibatch to the next, one per minibatch size last seen: an epoch's full
 * minibatches and its shorter last one then each find theirs (a recurrence makes a dozen arrays and hundreds of
 * per-step views, about 3 ms at n = 128, T = 40). Every pass overwrites a recurrence's arrays.
 */
final class GruRecurrences {
    /** Sizes kept; the least recently used beyond them is closed. */
    private static final int KEPT = 2;
    private final boolean reversed;
    private final Map<Long, GruRecurrence> bySize = new LinkedHashMap<>(4, 0.75f, true);

    /** @param reversed whether the recurrences run backwards in time (an encoder's second direction) */
    GruRecurrences(boolean reversed) {
        this.reversed = reversed;
    }

    /** A recurrence of these dimensions, kept or new. */
    GruRecurrence of(DataType type, int steps, long n, int units) {
        GruRecurrence kept = bySize.get(n);
        if (kept != null && kept.fits(type, steps, n, units)) {
            return kept;
        }
        if (kept != null) {
            kept.close();
        }
        GruRecurrence made = new GruRecurrence(type, steps, n, units, reversed);
        bySize.put(n, made);
        if (bySize.size() > KEPT) {
            var eldest = bySize.entrySet().iterator();
            eldest.next().getValue().close();
            eldest.remove();
        }
        return made;
    }
}
