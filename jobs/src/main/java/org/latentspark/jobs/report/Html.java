package org.latentspark.jobs.report;

import java.util.List;
import java.util.Locale;

/** The little HTML the report writes by hand: escaping, and tables of text cells. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A number as the report prints it: 4 significant digits, plain notation for everyday magnitudes. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        if (magnitude >= 1e4) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    /** A table of plain-text cells with a header row. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }
}
