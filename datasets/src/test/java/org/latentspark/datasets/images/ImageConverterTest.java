package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.latentspark.common.UserInputException;
import org.junit.jupiter.api.Test;

class ImageConverterTest {
    @Test
    void sparkImageBytesAreBgr() {
        byte[] bgr = {1, 2, 3, 4, 5, 6};

        byte[] rgb = new ImageConverter(new ImageShape(1, 2, 3)).fromSparkImage(1, 2, 3, bgr);

        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4}, rgb);
    }

    @Test
    void alphaIsDropped() {
        byte[] bgra = {1, 2, 3, 0, 4, 5, 6, (byte) 255};

        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4},
                new ImageConverter(new ImageShape(1, 2, 3)).fromSparkImage(1, 2, 4, bgra));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6},
                new ImageConverter(new ImageShape(1, 2, 3)).fromRaw(new byte[] {1, 2, 3, 9, 4, 5, 6, 9}, new ImageShape(1, 2, 4)));
    }

    @Test
    void grayscaleIsLuminance() {
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, (byte) 200, (byte) 200, (byte) 200};

        byte[] gray = new ImageConverter(new ImageShape(1, 4, 1)).fromRaw(rgb, new ImageShape(1, 4, 3));

        assertArrayEquals(new byte[] {76, (byte) 150, 29, (byte) 200}, gray);
    }

    @Test
    void invalidSparkRowsAndWrongRawLengthsAreBad() {
        ImageConverter converter = new ImageConverter(new ImageShape(2, 2, 1));

        assertNull(converter.fromSparkImage(-1, -1, -1, new byte[0]));
        assertNull(converter.fromRaw(new byte[3], new ImageShape(2, 2, 1)));
        assertNull(converter.fromEncoded("not an image".getBytes()));
        assertNull(converter.fromEncoded(null));
    }

    @Test
    void decodesPngLikeTheOriginal() {
        byte[] pixels = new ImageConverter(new ImageShape(4, 6, 3)).fromEncoded(TestImages.png(TestImages.rgb(6, 4, 9)));

        assertArrayEquals(TestImages.rgbPixels(6, 4, 9), pixels);
    }

    @Test
    void sixteenBitGrayKeepsItsHighByte() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 0x8000);

        byte[] pixels = new ImageConverter(new ImageShape(1, 1, 1)).fromEncoded(TestImages.png(image));

        assertEquals(128, pixels[0] & 0xff);
    }

    @Test
    void resizingAConstantImageKeepsItConstant() {
        byte[] gray = new byte[10 * 7];
        Arrays.fill(gray, (byte) 77);

        byte[] resized = new ImageConverter(new ImageShape(3, 5, 1)).fromRaw(gray, new ImageShape(10, 7, 1));

        assertEquals(15, resized.length);
        for (byte b : resized) {
            assertEquals(77, b & 0xff);
        }
    }

    @Test
    void downscalingAveragesInsteadOfAliasing() {
        int size = 64;
        byte[] checkerboard = new byte[size * size];
        for (int i = 0; i < checkerboard.length; i++) {
            checkerboard[i] = (byte) (((i / size) + (i % size)) % 2 == 0 ? 255 : 0);
        }

        byte[] small = new ImageConverter(new ImageShape(4, 4, 1)).fromRaw(checkerboard, new ImageShape(size, size, 1));

        for (byte b : small) {
            assertTrue(Math.abs((b & 0xff) - 128) < 20, "got " + (b & 0xff));
        }
    }

    @Test
    void targetMustBeGrayOrRgb() {
        UserInputException e = assertThrows(UserInputException.class, () -> new ImageConverter(new ImageShape(2, 2, 4)));

        assertTrue(e.getMessage().contains("got 4"), e.getMessage());
    }
}
