package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.latentspark.jobs.cli.LatentSparkCli;

/** Runs the command line in-process and captures what it prints on stderr. */
public final class Cli {
    private Cli() {
    }

    public record Result(int exitCode, String stderr) {
        /** The last line on stderr: the one-line error the contract promises. */
        public String errorLine() {
            String[] lines = stderr.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    public static Result run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = LatentSparkCli.run(args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
            System.err.print(captured.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code shard} on local[2], writing under {@code out}, with each {@code key=value} as a --set. */
    public static Result shard(Path out, String... sets) {
        List<String> args = new ArrayList<>(List.of("shard", "--output", out.toString(), "--master", "local[2]"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return run(args.toArray(String[]::new));
    }

    /**
     * The contract's failure: the exit code, a last line on stderr starting "latentspark: error: " that contains
     * every one of {@code mentions}, and nothing under {@code out} that looks like an output.
     */
    public static void assertFailsCleanly(Result result, Path out, int exitCode, String... mentions) {
        assertEquals(exitCode, result.exitCode(), result.stderr());
        String line = result.errorLine();
        assertTrue(line.startsWith("latentspark: error: "), line);
        for (String mention : mentions) {
            assertTrue(line.contains(mention), "'" + line + "' should mention " + mention);
        }
        if (Files.exists(out)) {
            assertEquals(List.of(), visibleOutputs(out));
        }
    }

    /** Entries under datasets/ and runs/ that a reader would take for outputs (hidden work-in-progress excluded). */
    public static List<Path> visibleOutputs(Path out) {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> !p.equals(out))
                    .filter(p -> out.relativize(p).getNameCount() == 2)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
