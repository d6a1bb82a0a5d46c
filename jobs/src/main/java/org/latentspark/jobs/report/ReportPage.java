package org.latentspark.jobs.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A report as one self-contained HTML page: styles inline, every picture a data: URI, no script, and a content
 * security policy that forbids any request, so that it opens the same from a data lake, a laptop or an e-mail.
 */
public final class ReportPage {
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1040px;\
            padding:0 1rem;color:#222}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;\
            padding-bottom:.2rem;margin-top:2rem}
            .subtitle{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
            th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
            td.value{text-align:right;font-variant-numeric:tabular-nums}
            td.best{font-weight:bold;background:#e8f4ea}td.best::after{content:' ✓';color:#1a7f37}
            td.none{color:#aaa;text-align:center}
            .figures{display:flex;flex-wrap:wrap;gap:1rem}
            figure{margin:0;max-width:100%}figcaption{font-size:.8rem;color:#555;max-width:480px}
            img{max-width:100%;height:auto;border:1px solid #eee}
            pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:.75rem;max-height:30rem}
            details{margin:.5rem 0}summary{cursor:pointer;color:#0366d6}
            """;

    private ReportPage() {
    }

    public static byte[] render(String title, String subtitle, List<ReportSection> sections) {
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src data:; style-src 'unsafe-inline'\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body><h1>").append(Html.escape(title)).append("</h1><p class=\"subtitle\">")
                .append(Html.escape(subtitle)).append("</p>\n");
        for (ReportSection section : sections) {
            out.append("<section id=\"").append(anchor(section.heading())).append("\"><h2>")
                    .append(Html.escape(section.heading())).append("</h2>\n")
                    .append(section.html()).append('\n');
            if (!section.figures().isEmpty()) {
                out.append("<div class=\"figures\">");
                for (Figure figure : section.figures()) {
                    out.append("<figure><img alt=\"").append(Html.escape(figure.title())).append("\" width=\"")
                            .append(figure.width()).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(figure.png())).append("\"><figcaption>")
                            .append(Html.escape(figure.caption())).append("</figcaption></figure>\n");
                }
                out.append("</div>");
            }
            out.append("</section>\n");
        }
        out.append("</body></html>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A section's id, for links to it: its heading in lower case, other characters than letters and digits as -. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
