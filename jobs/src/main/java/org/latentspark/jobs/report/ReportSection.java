package org.latentspark.jobs.report;

import java.util.List;

/**
 * A part of a report under one heading: an HTML fragment (already escaped; may be empty) and its figures.
 */
public record ReportSection(String heading, String html, List<Figure> figures) {
    public static ReportSection of(String heading, List<Figure> figures) {
        return new ReportSection(heading, "", figures);
    }
}
