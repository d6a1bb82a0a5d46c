package org.latentspark.jobs.cli;

import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.jobs.benchmark.TrainingBenchmark;
import org.latentspark.jobs.steps.JobContext;
import picocli.CommandLine.Command;

/**
 * Trains the same model on the same data three ways (one JVM fitting directly, Spark averaging, Spark sharing) and
 * prints examples/s, each Spark figure's ratio to the single JVM, and achieved GFLOP/s against ND4J's sgemm.
 * Defaults: conf/examples/benchmark.conf; --config and --set apply on top.
 */
@Command(name = "benchmark", description = "Compare training throughput: one JVM, Spark averaging, Spark sharing.")
final class BenchmarkCommand extends Commands.SparkCommand {
    @Override
    RunConfig loadConfig() {
        return RunConfig.from(ConfigLoader.load(ConfigLoader.resource("latentspark/examples/benchmark.conf"),
                options.config, options.overrides));
    }

    @Override
    void run(JobContext ctx) {
        for (String line : new TrainingBenchmark(ctx).run()) {
            Console.result(line);
        }
    }
}
