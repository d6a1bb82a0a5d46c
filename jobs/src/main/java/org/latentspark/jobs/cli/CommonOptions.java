package org.latentspark.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes (see the contract). */
public class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file layered over the defaults in conf/")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--output", paramLabel = "URI", defaultValue = "./latentspark-out",
            description = "Output root, any Hadoop file system URI (default: ${DEFAULT-VALUE})")
    String output;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id (default: time-based)")
    String runId;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when spark-submit sets none (default: ${DEFAULT-VALUE})")
    String master;
}
