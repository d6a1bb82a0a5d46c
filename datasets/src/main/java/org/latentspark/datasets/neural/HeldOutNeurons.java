package org.latentspark.datasets.neural;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.latentspark.common.UserInputException;

/**
 * The split of a session's units into held-in units, which a model sees, and held-out units, which it only
 * predicts: the co-smoothing set-up of the Neural Latents Benchmark (Pei et al. 2021). Positions index the
 * recording's unit order; each group keeps that order.
 *
 * @param heldIn  positions of the held-in units
 * @param heldOut positions of the held-out units
 */
public record HeldOutNeurons(int[] heldIn, int[] heldOut) implements Serializable {

    /**
     * Holds out {@code round(fraction · units)} units drawn at random from the seed. The draw depends only on the
     * seed and the set of unit ids, not on their order in the file.
     */
    public static HeldOutNeurons random(long[] unitIds, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new UserInputException("the held-out fraction (dataset.neural.heldout-fraction) must be between "
                    + "0 and 1, got " + fraction);
        }
        int count = (int) Math.round(fraction * unitIds.length);
        if (count < 1 || count >= unitIds.length) {
            throw new UserInputException("holding out " + fraction + " of " + unitIds.length + " units "
                    + "(dataset.neural.heldout-fraction) leaves " + count + " held-out and "
                    + (unitIds.length - count) + " held-in units; at least one of each is needed");
        }
        // Shuffle the positions in ascending id order, so that the draw does not depend on the file's unit order.
        Integer[] byId = IntStream.range(0, unitIds.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byId, (a, b) -> Long.compare(unitIds[a], unitIds[b]));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = byId.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = byId[i];
            byId[i] = byId[j];
            byId[j] = swap;
        }
        boolean[] out = new boolean[unitIds.length];
        for (int i = 0; i < count; i++) {
            out[byId[i]] = true;
        }
        return fromMask(out);
    }

    /** Holds out exactly the units with the given ids (for example the ones a benchmark designates). */
    public static HeldOutNeurons ofIds(long[] unitIds, long[] heldOutIds, String source) {
        Set<Long> wanted = new HashSet<>();
        for (long id : heldOutIds) {
            wanted.add(id);
        }
        boolean[] out = new boolean[unitIds.length];
        for (int i = 0; i < unitIds.length; i++) {
            out[i] = wanted.remove(unitIds[i]);
        }
        if (!wanted.isEmpty()) {
            throw new UserInputException("held-out unit ids " + wanted + " (dataset.neural.heldout-units) are not "
                    + "units of " + source);
        }
        HeldOutNeurons split = fromMask(out);
        if (split.heldIn.length == 0 || split.heldOut.length == 0) {
            throw new UserInputException("dataset.neural.heldout-units leaves " + split.heldOut.length
                    + " held-out and " + split.heldIn.length + " held-in units of " + source
                    + "; at least one of each is needed");
        }
        return split;
    }

    private static HeldOutNeurons fromMask(boolean[] out) {
        return new HeldOutNeurons(IntStream.range(0, out.length).filter(i -> !out[i]).toArray(),
                IntStream.range(0, out.length).filter(i -> out[i]).toArray());
    }

    /**
     * How to choose held-out units: the listed ids when there are any, otherwise a random fraction from the seed.
     *
     * @param fraction the share of units held out at random (dataset.neural.heldout-fraction)
     * @param unitIds  the ids to hold out (dataset.neural.heldout-units); empty: choose at random
     */
    public record Rule(double fraction, long[] unitIds, long seed) implements Serializable {
        public HeldOutNeurons apply(long[] sessionUnitIds, String source) {
            return unitIds.length > 0 ? ofIds(sessionUnitIds, unitIds, source)
                    : random(sessionUnitIds, fraction, seed);
        }
    }

    /** The ids of the units at the given positions. */
    public static long[] ids(long[] unitIds, int[] positions) {
        return Arrays.stream(positions).mapToLong(p -> unitIds[p]).toArray();
    }
}
