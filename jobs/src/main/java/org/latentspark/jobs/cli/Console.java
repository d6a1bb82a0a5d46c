package org.latentspark.jobs.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.latentspark.common.StatusLine;

/**
 * Where the command line writes: results (output paths) on stdout, progress and errors on stderr. ND4J 1.0.0-M2.1
 * prints a debug line to System.out for every differentiated op; those lines are dropped so stdout stays usable.
 */
final class Console {
    private static PrintStream out = System.out;

    private Console() {
    }

    /**
     * Keeps the real stdout for results and sends everything else printed to System.out to stderr, filtered; on a
     * terminal (an interactive session, not spark-submit's or Airflow's logs) progress bars get a status line.
     */
    static void install() {
        out = System.out;
        System.setOut(new PrintStream(new LineFilter(System.err), true, StandardCharsets.UTF_8));
        if (stderrIsTerminal()) {
            StatusLine.install(Console::status);
        }
    }

    /**
     * Whether stderr is a terminal: on Linux, where /proc/self/fd/2 leads (a pseudo-terminal or a tty); elsewhere,
     * whether the JVM has a console (stdin and stdout both terminals: Java 17 cannot ask about stderr alone).
     */
    static boolean stderrIsTerminal() {
        java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd/2");
        try {
            return isTerminal(java.nio.file.Files.readSymbolicLink(fd).toString());
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    static boolean isTerminal(String device) {
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    }

    /** Rewrites the terminal's last line ("" clears it). */
    private static synchronized void status(String text) {
        System.err.print("\r\033[K" + text);
        System.err.flush();
    }

    static void result(String line) {
        out.println(line);
        out.flush();
    }

    static void progress(String line) {
        StatusLine.clear();
        System.err.println("latentspark: " + line);
    }

    /** Forwards whole lines, except ND4J's "Added differentiated op" debug output. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.startsWith("Added differentiated op")) {
                    target.println(text);
                }
            } else {
                line.write(b);
            }
        }
    }
}
