package org.latentspark.common.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The reparameterization noise ε ~ N(0, I) of one example in one epoch, a pure function of (seed, epoch, id):
 * training is reproducible whatever the partitioning, and a resumed run draws exactly what an uninterrupted one would.
 */
public final class NoiseSource {
    private NoiseSource() {
    }

    public static void fill(long seed, int epoch, String id, float[] out, int offset, int dim) {
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, id));
        for (int i = 0; i < dim; i++) {
            out[offset + i] = (float) random.nextGaussian();
        }
    }

    static long mix(long seed, int epoch, String id) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        // SplitMix64 finalizer: nearby ids and epochs give unrelated streams.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
