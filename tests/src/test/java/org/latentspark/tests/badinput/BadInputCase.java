package org.latentspark.tests.badinput;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;

/** What every bad-input test has: a scratch folder, an output folder in it, and the contract's failure check. */
abstract class BadInputCase {
    @TempDir
    Path tmp;

    Path out() {
        return tmp.resolve("out");
    }

    /** {@code shard} on local[2] into {@link #out()}, with each {@code key=value} as a --set. */
    Cli.Result shard(String... sets) {
        return Cli.shard(out(), sets);
    }

    /** Bad input's exit status, one line naming every one of {@code mentions}, nothing visible under out(). */
    void assertFailsCleanly(Cli.Result result, String... mentions) {
        assertFailsCleanly(result, LatentSparkCli.EXIT_INPUT, mentions);
    }

    void assertFailsCleanly(Cli.Result result, int exitCode, String... mentions) {
        Cli.assertFailsCleanly(result, out(), exitCode, mentions);
    }
}
