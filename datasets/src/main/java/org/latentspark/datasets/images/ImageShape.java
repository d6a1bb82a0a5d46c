package org.latentspark.datasets.images;

import java.io.Serializable;
import org.latentspark.common.UserInputException;

/**
 * Height, width and channel count of an image whose pixels are unsigned bytes, row-major
 * height × width × channels: 1 channel is grayscale, 3 are RGB, 4 are RGBA (accepted as input only).
 */
public record ImageShape(int height, int width, int channels) implements Serializable {
    public ImageShape {
        if (height <= 0 || width <= 0) {
            throw new UserInputException("image height and width must be positive, got " + height + "×" + width);
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new UserInputException("image channels must be 1, 3 or 4, got " + channels);
        }
    }

    /** Bytes of one image of this shape. */
    public long pixelBytes() {
        return (long) height * width * channels;
    }

    @Override
    public String toString() {
        return height + "×" + width + "×" + channels;
    }
}
