package org.latentspark.jobs.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One picture of a report: a PNG with its title (the alt text) and a caption saying what it shows.
 *
 * @param width the width the page shows it at, in CSS pixels
 */
public record Figure(String title, String caption, byte[] png, int width) {
    /** A chart drawn by XChart, shown at its own size. */
    public static Figure of(String caption, Chart<?, ?> chart) {
        try {
            return new Figure(chart.getTitle(), caption, BitmapEncoder.getBitmapBytes(chart,
                    BitmapEncoder.BitmapFormat.PNG), chart.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /** A picture made of pixels (images, rasters), shown at its own size. */
    public static Figure of(String title, String caption, BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the picture '" + title + "' as PNG", e);
        }
        return new Figure(title, caption, out.toByteArray(), image.getWidth());
    }
}
