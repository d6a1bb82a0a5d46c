package org.latentspark.common;

import java.util.function.Consumer;

/**
 * One line of progress that rewrites itself in place (a bar within a training epoch), shown only where the command
 * line installed a terminal for it; elsewhere (logs under spark-submit or Airflow) it costs nothing and prints
 * nothing.
 */
public final class StatusLine {
    private static volatile Consumer<String> terminal;

    private StatusLine() {
    }

    /** Called by the command line when stderr is a terminal; {@code ""} clears the line. */
    public static void install(Consumer<String> sink) {
        terminal = sink;
    }

    public static boolean shown() {
        return terminal != null;
    }

    public static void show(String text) {
        Consumer<String> sink = terminal;
        if (sink != null) {
            sink.accept(text);
        }
    }

    public static void clear() {
        show("");
    }
}
