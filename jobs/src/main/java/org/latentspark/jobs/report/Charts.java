package org.latentspark.jobs.report;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** XChart charts in the report's one style: white, small fonts, legend inside, sized for a two-column page. */
public final class Charts {
    public static final int WIDTH = 480;
    public static final int HEIGHT = 320;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Categorical colours: Tableau's ten, so that ten labels get ten colours. */
    public static final Color[] PALETTE = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759),
            new Color(0x76b7b2), new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7),
            new Color(0x9c755f), new Color(0xbab0ac)};

    private Charts() {
    }

    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        style(styler);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setMarkerSize(5);
        // Below the plot, where it never hides a curve.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    public static XYChart scatter(String title, String xTitle, String yTitle) {
        XYChart chart = lines(title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    public static CategoryChart bars(String title, String xTitle, String yTitle, int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        return chart;
    }

    public static HeatMapChart heatMap(String title, String xTitle, String yTitle, int width, int height) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(false);
        chart.getStyler().setHeatMapValueDecimalPattern("0.#");
        chart.getStyler().setDecimalPattern("0.#");
        chart.getStyler().setLegendVisible(true);
        return chart;
    }

    /** The q-quantile of values (nearest rank), for axis ranges that leave out the extremes. */
    public static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(TITLE);
        styler.setLegendFont(TEXT);
        if (!(styler instanceof org.knowm.xchart.style.HeatMapStyler)) {
            styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        styler.setLegendBorderColor(new Color(0xdd, 0xdd, 0xdd));
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(TEXT);
            axes.setAxisTickLabelsFont(TEXT);
            axes.setPlotGridLinesColor(new Color(0xee, 0xee, 0xee));
        }
    }
}
