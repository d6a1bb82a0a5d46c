package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.latentspark.common.UserInputException;

class HeldOutNeuronsTest {
    private static final long[] IDS = {3, 14, 15, 92, 65, 35, 89, 79, 32, 38};

    @Test
    void sameSeedSameSplitWhateverTheUnitOrder() {
        HeldOutNeurons a = HeldOutNeurons.random(IDS, 0.3, 7);
        long[] reversed = new long[IDS.length];
        for (int i = 0; i < IDS.length; i++) {
            reversed[i] = IDS[IDS.length - 1 - i];
        }
        HeldOutNeurons b = HeldOutNeurons.random(reversed, 0.3, 7);

        assertEquals(3, a.heldOut().length);
        assertEquals(7, a.heldIn().length);
        assertEquals(idSet(HeldOutNeurons.ids(IDS, a.heldOut())), idSet(HeldOutNeurons.ids(reversed, b.heldOut())));
        assertArrayEquals(a.heldOut(), HeldOutNeurons.random(IDS, 0.3, 7).heldOut());
    }

    @Test
    void seedsChangeTheSplitAndGroupsPartitionTheUnits() {
        Set<Set<Long>> splits = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            HeldOutNeurons split = HeldOutNeurons.random(IDS, 0.3, seed);
            int[] all = new int[IDS.length];
            Arrays.stream(split.heldIn()).forEach(i -> all[i]++);
            Arrays.stream(split.heldOut()).forEach(i -> all[i]++);
            assertTrue(Arrays.stream(all).allMatch(c -> c == 1), "every unit in exactly one group");
            splits.add(idSet(HeldOutNeurons.ids(IDS, split.heldOut())));
        }
        assertTrue(splits.size() > 5, "10 seeds gave only " + splits.size() + " different splits");
    }

    @Test
    void aFractionThatLeavesAGroupEmptyIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> HeldOutNeurons.random(new long[] {1, 2, 3}, 0.1, 0));
        assertTrue(e.getMessage().contains("dataset.neural.heldout-fraction"), e.getMessage());
        assertTrue(e.getMessage().contains("at least one of each"), e.getMessage());
        assertThrows(UserInputException.class, () -> HeldOutNeurons.random(new long[] {1}, 0.5, 0));
    }

    @Test
    void listedIdsAreHeldOut() {
        HeldOutNeurons split = new HeldOutNeurons.Rule(0.5, new long[] {92, 3}, 0).apply(IDS, "a.nwb");
        assertArrayEquals(new int[] {0, 3}, split.heldOut());
        UserInputException e = assertThrows(UserInputException.class,
                () -> HeldOutNeurons.ofIds(IDS, new long[] {4}, "a.nwb"));
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("a.nwb"), e.getMessage());
    }

    private static Set<Long> idSet(long[] ids) {
        Set<Long> set = new HashSet<>();
        Arrays.stream(ids).forEach(set::add);
        return set;
    }
}
