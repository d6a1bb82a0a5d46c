package org.latentspark.datasets.neural;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.latentspark.common.UserInputException;

/** The sessions of one dataset must record the same units (by id, in any order); where each unit sits in each. */
final class SessionUnits {
    private SessionUnits() {
    }

    /** Sessions must agree on what they contain; a UserInputException naming both sources otherwise. */
    static void requireAgree(List<SpikeRecording> sessions) {
        if (sessions.isEmpty()) {
            throw new UserInputException("no sessions to read");
        }
        SpikeRecording first = sessions.get(0);
        long[] units = first.unitIds().clone();
        Arrays.sort(units);
        Map<String, String> names = new HashMap<>();
        for (SpikeRecording other : sessions) {
            String clash = names.putIfAbsent(other.session(), other.source());
            if (clash != null) {
                throw new UserInputException("sessions " + clash + " and " + other.source() + " have the same name '"
                        + other.session() + "'; session names prefix trial ids and must differ");
            }
            long[] otherUnits = other.unitIds().clone();
            Arrays.sort(otherUnits);
            if (!Arrays.equals(units, otherUnits)) {
                throw new UserInputException("sessions disagree on their units: " + first.source() + " has "
                        + units.length + " units " + summary(units) + ", " + other.source() + " has "
                        + otherUnits.length + " units " + summary(otherUnits)
                        + "; every session of a dataset must record the same units");
            }
            if (other.hasConditions() != first.hasConditions()) {
                throw new UserInputException("sessions disagree on conditions: " + first.source()
                        + (first.hasConditions() ? " has" : " has no") + " condition column, " + other.source()
                        + (other.hasConditions() ? " has one" : " has none"));
            }
        }
    }

    private static String summary(long[] sortedIds) {
        if (sortedIds.length <= 8) {
            return Arrays.toString(sortedIds);
        }
        return "[" + sortedIds[0] + ", " + sortedIds[1] + ", ..., " + sortedIds[sortedIds.length - 1] + "]";
    }

    /** The positions of the {@code wanted} unit ids among a session's {@code unitIds}. */
    static int[] positions(long[] unitIds, long[] wanted) {
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < unitIds.length; i++) {
            position.put(unitIds[i], i);
        }
        return Arrays.stream(wanted).mapToInt(position::get).toArray();
    }
}
