package org.latentspark.datasets.images;

import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;

/**
 * dSprites-style images with known generative factors, drawn procedurally, for measuring how well a model
 * recovers latents. Each sprite is a white shape on black, one channel, with five factors sampled uniformly
 * and independently: shape (0 square, 1 ellipse, 2 heart), scale in [0.5, 1], rotation in [0, 2π) radians,
 * x and y in [0, 1] across the usable range (x to the right, y downwards). Position ranges do not depend on
 * scale or rotation, and the shape always lies strictly inside the frame: its bounding circle at scale 1 fits
 * one pixel inside the border at every position. Edges are anti-aliased by 4×4 supersampling.
 *
 * <p>Each image depends only on the seed and its index, not on partitioning, so a dataset is reproducible
 * anywhere. Records: ids {@code sprite-0000042}, label = shape, factors = [shape, scale, rotation, x, y].
 */
public final class SpritesSimulator implements ImageSource {
    public static final int SQUARE = 0;
    public static final int ELLIPSE = 1;
    public static final int HEART = 2;
    public static final float MIN_SCALE = 0.5f;
    public static final float MAX_SCALE = 1f;
    /** Radius of a shape's bounding circle at scale 1, as a fraction of the image size. */
    static final double RADIUS_FRACTION = 0.25;
    private static final int MIN_SIZE = 8;
    private static final int SUPERSAMPLING = 4;
    // The heart curve (x²+y²−1)³ = x²y³ spans about 1.25 around (0, 0.25); these fit it in the unit circle.
    private static final double HEART_SCALE = 1.26;
    private static final double HEART_SHIFT = 0.25;

    private final long count;
    private final int size;
    private final long seed;

    /**
     * @param count number of sprites
     * @param size  height and width in pixels, at least 8
     * @param seed  with the index, determines every factor and so every pixel
     */
    public SpritesSimulator(long count, int size, long seed) {
        if (count < 0) {
            throw new UserInputException("sprite count must not be negative, got " + count);
        }
        if (size < MIN_SIZE) {
            throw new UserInputException("sprite image size must be at least " + MIN_SIZE + ", got " + size);
        }
        this.count = count;
        this.size = size;
        this.seed = seed;
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        // Locals, so that the task closure does not capture this source, which is not serializable.
        int size = this.size;
        long seed = this.seed;
        MapFunction<Long, Row> draw = index -> sprite(index, size, seed);
        return spark.range(count).map(draw, Encoders.row(ImageSchema.RECORD));
    }

    static Row sprite(long index, int size, long seed) {
        float[] factors = factors(index, seed);
        return RowFactory.create(String.format("sprite-%07d", index), size, size, 1, render(factors, size),
                (int) factors[0], factors);
    }

    /** [shape, scale, rotation, x, y] of sprite {@code index}. */
    static float[] factors(long index, long seed) {
        // mix64 decorrelates nearby seeds; adding the index then gives each sprite its own stream.
        SplittableRandom random = new SplittableRandom(mix64(mix64(seed) + index));
        return new float[] {
            random.nextInt(3),
            (float) (MIN_SCALE + (MAX_SCALE - MIN_SCALE) * random.nextDouble()),
            (float) (2 * Math.PI * random.nextDouble()),
            (float) random.nextDouble(),
            (float) random.nextDouble(),
        };
    }

    static byte[] render(float[] factors, int size) {
        int shape = (int) factors[0];
        double maxRadius = RADIUS_FRACTION * size;
        double radius = factors[1] * maxRadius;
        double cos = Math.cos(factors[2]);
        double sin = Math.sin(factors[2]);
        // Centres range over [1 + maxRadius, size − 1 − maxRadius]: the border pixels always stay black.
        double span = size - 2 - 2 * maxRadius;
        double cx = 1 + maxRadius + factors[3] * span;
        double cy = 1 + maxRadius + factors[4] * span;
        byte[] pixels = new byte[size * size];
        int samples = SUPERSAMPLING * SUPERSAMPLING;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int covered = 0;
                for (int s = 0; s < samples; s++) {
                    double dx = (col + (s % SUPERSAMPLING + 0.5) / SUPERSAMPLING - cx) / radius;
                    double dy = (row + (s / SUPERSAMPLING + 0.5) / SUPERSAMPLING - cy) / radius;
                    // Rotate the sample point by −rotation, i.e. the shape by +rotation.
                    double u = cos * dx + sin * dy;
                    double v = -sin * dx + cos * dy;
                    if (inside(shape, u, v)) {
                        covered++;
                    }
                }
                pixels[row * size + col] = (byte) Math.round(255.0 * covered / samples);
            }
        }
        return pixels;
    }

    /** Whether (u, v), in units of the shape's radius with v downwards, is inside the shape; all lie in the unit circle. */
    private static boolean inside(int shape, double u, double v) {
        switch (shape) {
            case SQUARE:
                return Math.abs(u) <= Math.sqrt(0.5) && Math.abs(v) <= Math.sqrt(0.5);
            case ELLIPSE:
                return u * u + 4 * v * v <= 1;
            case HEART:
                double x = u * HEART_SCALE;
                double y = -v * HEART_SCALE + HEART_SHIFT;
                double r = x * x + y * y - 1;
                return r * r * r - x * x * y * y * y <= 0;
            default:
                throw new IllegalArgumentException("unknown shape " + shape);
        }
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
