package org.latentspark.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentspark.common.UserInputException;
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

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (default: time-based); report takes several, to compare runs")
    List<String> runIds = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when spark-submit sets none (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, as spark-submit's --conf (repeatable; spark-submit's own settings win)")
    List<String> sparkSettings = new ArrayList<>();

    /** The one --run-id given, or null; only report takes several. */
    String runId() {
        if (runIds.size() > 1) {
            throw new UserInputException("--run-id given " + runIds.size() + " times (" + String.join(", ", runIds)
                    + "); only report compares several runs");
        }
        return runIds.isEmpty() ? null : runIds.get(0);
    }

    /** --conf settings by key; a malformed one is a usage error naming it. */
    Map<String, String> sparkConf() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : sparkSettings) {
            int eq = setting.indexOf('=');
            if (eq <= 0 || !setting.startsWith("spark.")) {
                throw new UserInputException("--conf " + setting + ": expected spark.KEY=VALUE");
            }
            settings.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return settings;
    }
}
