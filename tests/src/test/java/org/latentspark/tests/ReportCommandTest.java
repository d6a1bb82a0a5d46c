package org.latentspark.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;

/** The report command's refusals, and the browser check itself on pages that must fail it. */
class ReportCommandTest {
    @TempDir
    Path out;

    private Cli.Result trainOnly(String runId, String dataset) {
        Cli.Result shard = Cli.run("shard", "--output", out.toString(), "--master", "local[2]",
                "--config", TestConfigs.sprites().toString(), "--set", "dataset.name=" + dataset,
                "--set", "dataset.sprites.count=200");
        assertEquals(0, shard.exitCode(), shard.stderr());
        return Cli.run("train", "--output", out.toString(), "--master", "local[2]", "--run-id", runId,
                "--config", TestConfigs.sprites().toString(), "--set", "dataset.name=" + dataset,
                "--set", "dataset.sprites.count=200", "--set", "train.epochs=1");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRunWithoutEvaluationAndRunsOfDifferentDatasetsAreRefused() {
        for (String id : List.of("a", "b")) {
            Cli.Result train = trainOnly(id, "sprites-" + id);
            assertEquals(0, train.exitCode(), train.stderr());
        }

        Cli.Result single = Cli.run("report", "--output", out.toString(), "--master", "local[2]", "--run-id", "a");
        assertEquals(LatentSparkCli.EXIT_INPUT, single.exitCode(), single.stderr());
        assertEquals("latentspark: error: run a has no evaluation table at " + out.resolve("runs/a/evaluation")
                + "; run evaluate on it first", single.errorLine());
        assertTrue(Files.notExists(out.resolve("runs/a/report")), "nothing written");

        Cli.Result both = Cli.run("report", "--output", out.toString(), "--master", "local[2]", "--run-id", "a",
                "--run-id", "b");
        assertEquals(LatentSparkCli.EXIT_INPUT, both.exitCode(), both.stderr());
        assertEquals("latentspark: error: runs a and b were trained on different datasets (sprites-a, sprites-b); "
                + "a comparison needs one dataset", both.errorLine());

        Cli.Result twice = Cli.run("embed", "--output", out.toString(), "--master", "local[2]", "--run-id", "a",
                "--run-id", "b");
        assertEquals(LatentSparkCli.EXIT_INPUT, twice.exitCode(), twice.stderr());
        assertEquals("latentspark: error: --run-id given 2 times (a, b); only report compares several runs",
                twice.errorLine());
        Cli.Result none = Cli.run("report", "--output", out.toString(), "--master", "local[2]");
        assertEquals(LatentSparkCli.EXIT_INPUT, none.exitCode(), none.stderr());
        assertEquals("latentspark: error: report needs --run-id: the run to work on", none.errorLine());
    }

    /** The check that the pipeline tests run on every report fails on a blocked request and a broken picture. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theBrowserCheckSeesBlockedRequestsAndBrokenPictures() throws IOException {
        String policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
                + "style-src 'unsafe-inline'\">";
        Path bad = Files.writeString(out.resolve("bad.html"), "<!DOCTYPE html><html><head>" + policy
                + "<title>t</title></head><body><img src=\"https://example.invalid/x.png\">"
                + "<img src=\"data:image/png;base64,AAAA\"></body></html>");
        ReportInBrowser.Page page = ReportInBrowser.open(bad, out.resolve("bad.png"));
        assertTrue(page.errors().stream().anyMatch(e -> e.contains("example.invalid")), page.errors().toString());
        assertEquals(List.of(0L, 0L), page.images().stream().map(s -> s[0]).toList(), "neither picture decodes");
        assertTrue(Files.size(out.resolve("bad.png")) > 0, "a screenshot is kept");
    }
}
