package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;
import org.latentspark.common.UserInputException;

/** Small images with known pixels, and a check for user errors raised inside Spark tasks. */
final class TestImages {
    private TestImages() {
    }

    /** An RGB image whose pixel (x, y) is (10 x + seed, 20 y + seed, 30 + seed). */
    static BufferedImage rgb(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((10 * x + seed) << 16) | ((20 * y + seed) << 8) | (30 + seed));
            }
        }
        return image;
    }

    /** The RECORD pixels of {@link #rgb}: RGB bytes, row-major. */
    static byte[] rgbPixels(int width, int height, int seed) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                pixels[i] = (byte) (10 * x + seed);
                pixels[i + 1] = (byte) (20 * y + seed);
                pixels[i + 2] = (byte) (30 + seed);
            }
        }
        return pixels;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Runs code expected to fail with a UserInputException, directly or, when thrown in a Spark task, as the
     * cause of the SparkException that aborts the job; returns it.
     */
    static UserInputException userError(Executable code) {
        Throwable thrown = assertThrows(Throwable.class, code);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UserInputException e) {
                return e;
            }
        }
        throw new AssertionError("expected a UserInputException, got " + thrown, thrown);
    }
}
