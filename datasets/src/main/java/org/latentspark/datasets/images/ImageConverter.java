package org.latentspark.datasets.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.latentspark.common.UserInputException;

/**
 * Turns images as they arrive (Spark image rows, encoded PNG/JPEG bytes, raw pixel bytes) into the pixels of
 * an ImageSchema.RECORD row of one target shape, so that every image source converts the same way:
 * <ul>
 *   <li>alpha is dropped;</li>
 *   <li>RGB to grayscale is luminance, Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's "L");
 *       grayscale to RGB repeats the gray value;</li>
 *   <li>other sizes are stretched to the target with java.awt bilinear interpolation, halving first while
 *       more than twice too large so that downscaling averages rather than aliases; aspect ratio is not kept.</li>
 * </ul>
 * Methods return null for input that is not a decodable image; callers apply their BadImagePolicy.
 */
public final class ImageConverter implements Serializable {
    private final ImageShape target;

    /** @param target the output shape; channels must be 1 (grayscale) or 3 (RGB) */
    public ImageConverter(ImageShape target) {
        if (target.channels() != 1 && target.channels() != 3) {
            throw new UserInputException("target image channels must be 1 (grayscale) or 3 (RGB), got "
                    + target.channels());
        }
        this.target = target;
    }

    public ImageShape target() {
        return target;
    }

    /**
     * Pixels from a row of Spark's image data source: {@code data} is BGR, BGRA or gray bytes, row-major.
     * Null for the rows Spark writes for undecodable files (no data, negative sizes).
     */
    public byte[] fromSparkImage(int height, int width, int nChannels, byte[] data) {
        if (height <= 0 || width <= 0 || data == null || data.length != (long) height * width * nChannels) {
            return null;
        }
        return switch (nChannels) {
            case 1 -> finish(height, width, 1, data);
            case 3, 4 -> finish(height, width, 3, interleavedToRgb(data, height * width, nChannels, true));
            default -> null;
        };
    }

    /** Pixels from raw bytes in RGB(A) or gray order, row-major, of the given shape; null when the length does not match. */
    public byte[] fromRaw(byte[] data, ImageShape shape) {
        if (data == null || data.length != shape.pixelBytes()) {
            return null;
        }
        int h = shape.height();
        int w = shape.width();
        return shape.channels() == 1 ? finish(h, w, 1, data)
                : finish(h, w, 3, interleavedToRgb(data, h * w, shape.channels(), false));
    }

    /** Pixels from an encoded image in any format ImageIO reads (PNG, JPEG, GIF, BMP, ...); null when it cannot. */
    public byte[] fromEncoded(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        BufferedImage image;
        try {
            // A memory-cached stream: ImageIO.read(InputStream) would cache to temporary files. read() closes it.
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            // Some ImageIO readers throw unchecked exceptions on corrupt data; either way it is a bad image.
            return null;
        }
        return image == null ? null : fromBufferedImage(image);
    }

    /** Pixels from a decoded image. */
    public byte[] fromBufferedImage(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // getRGB would pass gray through a linear-to-sRGB conversion and change the values; read samples.
            int bits = image.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            byte[] gray = new byte[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    gray[y * w + x] = (byte) Math.round(raster.getSample(x, y, 0) * 255.0 / max);
                }
            }
            return finish(h, w, 1, gray);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[h * w * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return finish(h, w, 3, rgb);
    }

    /** A RECORD row (no factors) holding pixels this converter produced. */
    public Row record(String id, byte[] pixels, Integer label) {
        return RowFactory.create(id, target.height(), target.width(), target.channels(), pixels, label, null);
    }

    private static byte[] interleavedToRgb(byte[] data, int pixels, int channels, boolean bgr) {
        byte[] rgb = new byte[pixels * 3];
        int r = bgr ? 2 : 0;
        int b = bgr ? 0 : 2;
        for (int i = 0; i < pixels; i++) {
            rgb[3 * i] = data[channels * i + r];
            rgb[3 * i + 1] = data[channels * i + 1];
            rgb[3 * i + 2] = data[channels * i + b];
        }
        return rgb;
    }

    /** Converts gray (c = 1) or RGB (c = 3) pixels to the target channels, then to the target size. */
    private byte[] finish(int h, int w, int c, byte[] pixels) {
        byte[] converted = pixels;
        if (c == 3 && target.channels() == 1) {
            converted = new byte[h * w];
            for (int i = 0; i < converted.length; i++) {
                int red = pixels[3 * i] & 0xff;
                int green = pixels[3 * i + 1] & 0xff;
                int blue = pixels[3 * i + 2] & 0xff;
                converted[i] = (byte) ((299 * red + 587 * green + 114 * blue + 500) / 1000);
            }
        } else if (c == 1 && target.channels() == 3) {
            converted = new byte[h * w * 3];
            for (int i = 0; i < h * w; i++) {
                converted[3 * i] = pixels[i];
                converted[3 * i + 1] = pixels[i];
                converted[3 * i + 2] = pixels[i];
            }
        }
        return h == target.height() && w == target.width() ? converted : resize(converted, h, w);
    }

    /** Resizes target-channel pixels from h × w to the target size, through a TYPE_INT_RGB image. */
    private byte[] resize(byte[] pixels, int h, int w) {
        int channels = target.channels();
        int[] rgb = new int[h * w];
        for (int i = 0; i < rgb.length; i++) {
            int red = pixels[channels * i] & 0xff;
            int green = pixels[channels * i + (channels == 3 ? 1 : 0)] & 0xff;
            int blue = pixels[channels * i + (channels == 3 ? 2 : 0)] & 0xff;
            rgb[i] = (red << 16) | (green << 8) | blue;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        int th = target.height();
        int tw = target.width();
        while (image.getWidth() != tw || image.getHeight() != th) {
            int nw = image.getWidth() > 2 * tw ? image.getWidth() / 2 : tw;
            int nh = image.getHeight() > 2 * th ? image.getHeight() / 2 : th;
            image = scale(image, nw, nh);
        }
        int[] scaled = image.getRGB(0, 0, tw, th, null, 0, tw);
        byte[] out = new byte[th * tw * channels];
        for (int i = 0; i < scaled.length; i++) {
            if (channels == 1) {
                out[i] = (byte) scaled[i];
            } else {
                out[3 * i] = (byte) (scaled[i] >> 16);
                out[3 * i + 1] = (byte) (scaled[i] >> 8);
                out[3 * i + 2] = (byte) scaled[i];
            }
        }
        return out;
    }

    private static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }
}
