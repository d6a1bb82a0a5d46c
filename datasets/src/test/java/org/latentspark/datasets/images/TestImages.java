package org.latentspark.datasets.images;


import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.function.Executable;
import org.latentspark.common.UserInputException;
import org.latentspark.datasets.UserErrors;

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

    /** See {@link UserErrors#userError}. */
    static UserInputException userError(Executable code) {
        return UserErrors.userError(code);
    }
}
