package org.latentspark.jobs.image;

import java.awt.image.BufferedImage;
import java.util.List;

/** Model features (floats in [0, 1], channel-major C×H×W) drawn as a grid of pictures, enlarged without smoothing. */
final class ImageGrid {
    private static final int GAP = 2;
    private static final int CELL = 64;

    private ImageGrid() {
    }

    /** @param rows pictures by row, each a features vector of the geometry's size */
    static BufferedImage draw(List<List<float[]>> rows, ImageBatch.Geometry g) {
        int scale = Math.max(1, CELL / Math.max(g.height(), g.width()));
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int cellW = g.width() * scale;
        int cellH = g.height() * scale;
        BufferedImage out = new BufferedImage(Math.max(1, columns * (cellW + GAP) - GAP),
                Math.max(1, rows.size() * (cellH + GAP) - GAP), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                paint(out, rows.get(r).get(c), g, c * (cellW + GAP), r * (cellH + GAP), scale);
            }
        }
        return out;
    }

    private static void paint(BufferedImage out, float[] f, ImageBatch.Geometry g, int left, int top, int scale) {
        int plane = g.height() * g.width();
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                int p = y * g.width() + x;
                int red = level(f[p]);
                int rgb = g.channels() >= 3
                        ? red << 16 | level(f[plane + p]) << 8 | level(f[2 * plane + p])
                        : red << 16 | red << 8 | red;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(float value) {
        return Math.round(Math.max(0f, Math.min(1f, value)) * 255f);
    }
}
