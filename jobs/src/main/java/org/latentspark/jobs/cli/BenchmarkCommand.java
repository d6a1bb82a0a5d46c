package org.latentspark.jobs.cli;

import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.jobs.benchmark.TrainingBenchmark;
import org.latentspark.jobs.modality.JobContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Trains the same model on the same data three ways (one JVM fitting directly, Spark averaging, Spark sharing) and
 * prints examples (images, trials or documents) per second, each Spark figure's ratio to the single JVM, and
 * achieved GFLOP/s against ND4J's sgemm.
 * Workloads: conf/examples/benchmark.conf (images), benchmark-lorenz.conf, benchmark-text.conf; --config and --set
 * apply on top.
 */
@Command(name = "benchmark", description = "Compare training throughput: one JVM, Spark averaging, Spark sharing.")
final class BenchmarkCommand extends Commands.SparkCommand {
    @Parameters(arity = "0..1", defaultValue = "images", paramLabel = "MODALITY",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}): the workload of "
                    + "conf/examples/benchmark[-lorenz|-text].conf")
    DemoCommand.DemoData data;

    @Override
    RunConfig loadConfig() {
        String workload = switch (data) {
            case images -> "benchmark.conf";
            case neural -> "benchmark-lorenz.conf";
            case text -> "benchmark-text.conf";
        };
        return RunConfig.from(ConfigLoader.load(ConfigLoader.resource("latentspark/examples/" + workload),
                options.config, options.overrides));
    }

    @Override
    void run(JobContext ctx) {
        for (String line : new TrainingBenchmark(ctx).run()) {
            Console.result(line);
        }
    }
}
