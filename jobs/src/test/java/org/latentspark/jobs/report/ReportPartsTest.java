package org.latentspark.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.latentspark.common.schema.EvaluationSchema.Metric;

/** The report's parts on hand-made inputs: numbers, the metrics table's marks, projections, charts, the page. */
class ReportPartsTest {
    @Test
    void numbersKeepFourSignificantDigits() {
        assertEquals("1235", Html.number(1234.5678));
        assertEquals("12346", Html.number(12345.6));
        assertEquals("0.5", Html.number(0.5));
        assertEquals("-2.5", Html.number(-2.5));
        assertEquals("0.1235", Html.number(0.123456));
        assertEquals("1.230e-04", Html.number(1.23e-4));
        assertEquals("0", Html.number(0.0));
        assertEquals("NaN", Html.number(Double.NaN));
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", Html.escape("<b> & \"x\""));
    }

    @Test
    void theBetterValueOfEachRowIsMarkedByTheMetricsDirection() {
        List<Metric> metrics = List.of(
                new Metric("vae", "test", "reconstruction", null, null, 90.0),
                new Metric("pca", "test", "reconstruction", null, null, 95.0),
                new Metric("vae", "test", "probe_r2", 0, null, 0.5),
                new Metric("pca", "test", "probe_r2", 0, null, 0.6),
                new Metric("vae", "test", "kl", null, null, 3.0),
                new Metric("pca", "test", "kl", null, null, 2.0),
                new Metric("vae", "test", "mig", null, null, Double.NaN),
                new Metric("pca", "test", "mig", null, null, 0.1),
                new Metric("vae", "validation", "neg_elbo", null, 3, 80.0));
        MetricsTable table = MetricsTable.of(metrics, "vae");
        assertEquals(List.of("vae", "pca"), table.columns(), "the trained model first");
        String html = table.html();
        List<String> best = new ArrayList<>();
        Matcher m = Pattern.compile("<td class=\"value best\" data-column=\"(\\w+)\" data-metric=\"(\\w+)\"")
                .matcher(html);
        while (m.find()) {
            best.add(m.group(2) + ":" + m.group(1));
        }
        // Lower reconstruction wins, higher probe R² wins, kl has no direction, a NaN never wins.
        assertEquals(List.of("mig:pca", "reconstruction:vae", "probe_r2:pca"), best);
        assertFalse(html.contains("data-metric=\"neg_elbo\""), "per-epoch rows are curves, not table rows");
        assertTrue(html.contains("data-dim=\"0\" data-value=\"0.6\""), html);
    }

    @Test
    void projectionsAreInThePointsOwnUnits() {
        // On the line through (1, 2): the first component is the distance along it, the second is 0.
        double[][] projected = PrincipalComponents.project(new double[][] {{0, 0}, {1, 2}, {2, 4}, {3, 6}}, 2);
        double[] along = {-7.5, -2.5, 2.5, 7.5};
        double sign = Math.signum(projected[0][0]) == Math.signum(along[0]) ? 1 : -1;
        for (int i = 0; i < 4; i++) {
            assertEquals(sign * along[i] / Math.sqrt(5), projected[i][0], 1e-5);
            assertEquals(0, projected[i][1], 1e-5);
        }
    }

    @Test
    void curvesAreDrawnPerMetricWithOneLinePerSplit() {
        List<Metric> metrics = new ArrayList<>();
        for (int epoch = 0; epoch <= 3; epoch++) {
            for (String split : List.of("train", "validation")) {
                metrics.add(new Metric("vae", split, "neg_elbo", null, epoch, 100.0 - epoch));
                metrics.add(new Metric("vae", split, "kl", null, epoch, 1.0 + epoch));
            }
        }
        List<Figure> figures = TrainingCurves.of(metrics, Metric::split, 2);
        assertEquals(List.of("neg_elbo by epoch", "kl by epoch"), figures.stream().map(Figure::title).toList());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        for (Figure f : figures) {
            byte[] head = java.util.Arrays.copyOf(f.png(), 4);
            assertArrayEquals(png, head, f.title() + " is a PNG");
            assertTrue(f.caption().contains("kept epoch, 2"), f.caption());
        }
        assertEquals(List.of(), TrainingCurves.of(List.of(), Metric::split, 0));
    }

    @Test
    void thePageIsSelfContainedAndForbidsRequests() {
        Figure figure = new Figure("a <chart>", "what it shows", new byte[] {1, 2, 3}, 100);
        String page = new String(ReportPage.render("run <x>", "sub", List.of(new ReportSection("Latent space",
                "<p>ok</p>", List.of(figure)))), StandardCharsets.UTF_8);
        assertTrue(page.contains("content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\""));
        assertFalse(page.contains("<script"));
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:|//).*"), "no external reference");
        assertTrue(page.contains("<section id=\"latent-space\">"));
        assertTrue(page.contains("alt=\"a &lt;chart&gt;\" width=\"100\" src=\"data:image/png;base64,AQID\""));
        assertTrue(page.contains("<title>run &lt;x&gt;</title>"));
    }
}
