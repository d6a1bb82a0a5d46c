package org.latentspark.tests.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.latentspark.jobs.cli.LatentSparkCli;
import org.latentspark.tests.Cli;

/**
 * Bad configuration and command lines: unknown names and keys, values of the wrong type or range, files that are
 * missing or not HOCON, run ids that are unsafe or name no run. Each exits with the input (or usage) status and one
 * line naming the key, file or option, before anything is written.
 */
class ConfigBadInputTest extends BadInputCase {
    private Path conf(String name, String hocon) throws IOException {
        return Files.writeString(tmp.resolve(name), hocon);
    }

    private Cli.Result shardWithConfig(Path config) {
        return Cli.run("shard", "--output", out().toString(), "--master", "local[2]", "--config", config.toString());
    }

    @Test
    void unknownModelName() {
        assertFailsCleanly(shard("model.name=transformer"), LatentSparkCli.EXIT_INPUT, "model.name", "transformer");
    }

    @Test
    void unknownTrainerName() {
        assertFailsCleanly(shard("train.trainer=horovod"), LatentSparkCli.EXIT_INPUT, "train.trainer", "horovod");
    }

    @Test
    void missingRequiredKey() {
        assertFailsCleanly(shard("dataset.format=idx"), LatentSparkCli.EXIT_INPUT, "dataset.path");
    }

    @Test
    void unknownOption() {
        Cli.Result result = Cli.run("train", "--epochs", "3");
        assertEquals(LatentSparkCli.EXIT_USAGE, result.exitCode(), result.stderr());
        assertEquals(1, result.stderr().strip().split("\n").length, result.stderr());
        assertTrue(result.errorLine().contains("--epochs"), result.errorLine());
    }

    @Test
    void misspeltKey() {
        assertFailsCleanly(shard("train.epoch=3"), LatentSparkCli.EXIT_INPUT, "train.epoch");
    }

    /** HOCON merges a key set twice: the later value, of another type, wins and is refused by its own key. */
    @Test
    void configSettingOneKeyTwiceInDifferentTypes() throws IOException {
        Path config = conf("twice.conf", "train { epochs = 5 }\ntrain.epochs = \"five\"\n");
        assertFailsCleanly(shardWithConfig(config), LatentSparkCli.EXIT_INPUT, "train.epochs", config.toString(),
                "STRING rather than NUMBER");
    }

    /** A section set again as a plain value is named itself, not by the first of its keys that is read. */
    @Test
    void configSettingASectionToAPlainValue() throws IOException {
        Path config = conf("section.conf", "train { epochs = 5 }\ntrain = 3\n");
        assertFailsCleanly(shardWithConfig(config), LatentSparkCli.EXIT_INPUT, "configuration key 'train' in config "
                + "file " + config + " (line 2) is set to a number, but it is a section of settings");
    }

    @Test
    void configWithASyntaxError() throws IOException {
        Path config = conf("unclosed.conf", "train { epochs = 5\n");
        assertFailsCleanly(shardWithConfig(config), LatentSparkCli.EXIT_INPUT, "config file " + config, "2:");
    }

    @Test
    void configFileThatDoesNotExist() {
        Path config = tmp.resolve("missing.conf");
        assertFailsCleanly(shardWithConfig(config), LatentSparkCli.EXIT_INPUT,
                "config file " + config + " does not exist");
    }

    @Test
    void setWithoutAValue() {
        assertFailsCleanly(shard("train.epochs"), LatentSparkCli.EXIT_INPUT, "--set train.epochs: expected key=value");
    }

    @Test
    void negativeEpochs() {
        assertFailsCleanly(shard("train.epochs=-1"), LatentSparkCli.EXIT_INPUT,
                "configuration key train.epochs must be at least 1, got -1");
    }

    @Test
    void stallTimeoutThatIsNotADuration() {
        assertFailsCleanly(shard("train.stall-timeout=soon"), LatentSparkCli.EXIT_INPUT, "train.stall-timeout",
                "soon");
        assertFailsCleanly(shard("train.stall-timeout=-5s"), LatentSparkCli.EXIT_INPUT,
                "train.stall-timeout must be zero or a positive duration, got -5s");
    }

    @Test
    void runIdThatEscapesTheOutput() {
        Cli.Result result = Cli.run("train", "--output", out().toString(), "--master", "local[2]", "--run-id",
                "../../..");
        assertFailsCleanly(result, LatentSparkCli.EXIT_INPUT, "--run-id '../../..'");
    }

    @Test
    void resumeOfARunThatDoesNotExist() {
        Cli.Result result = Cli.run("train", "--output", out().toString(), "--master", "local[2]", "--run-id",
                "never-started", "--resume");
        assertFailsCleanly(result, LatentSparkCli.EXIT_INPUT, "cannot resume run never-started: nothing unfinished");
    }

    @Test
    void embedOfARunThatDoesNotExist() {
        Cli.Result result = Cli.run("embed", "--output", out().toString(), "--master", "local[2]", "--run-id",
                "never-trained");
        assertFailsCleanly(result, LatentSparkCli.EXIT_INPUT, "no run manifest at", "never-trained");
        assertTrue(Files.notExists(out().resolve("runs/never-trained")), "embed made no run");
    }
}
