package org.latentspark.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.io.OutputLayout;
import org.latentspark.common.manifest.DatasetManifest;
import org.latentspark.jobs.modality.JobContext;
import org.latentspark.jobs.spark.SparkSessions;
import org.latentspark.jobs.steps.ComparisonReport;
import org.latentspark.jobs.steps.ReportStep;
import org.latentspark.jobs.steps.ShardStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The subcommands of the contract. Each validates its configuration before starting Spark. */
final class Commands {
    private Commands() {
    }

    /** Shared by commands: load config, start Spark, run, stop Spark. */
    abstract static class SparkCommand implements Callable<Integer> {
        @Mixin
        CommonOptions options;

        RunConfig loadConfig() {
            return RunConfig.load(options.config, options.overrides);
        }

        @Override
        public Integer call() {
            RunConfig config = loadConfig();
            SparkSession spark = SparkSessions.create("latentspark " + getClass().getSimpleName(), options.master,
                    options.sparkConf());
            try {
                JobContext ctx = JobContext.create(spark, options.output, config, Console::progress);
                ctx.files().requireWritableDirectory(options.output, "--output");
                run(ctx);
            } finally {
                spark.stop();
            }
            return 0;
        }

        abstract void run(JobContext ctx);
    }

    @Command(name = "shard", description = "Read a source dataset and write Parquet shards plus a dataset manifest.")
    static final class Shard extends SparkCommand {
        @Override
        void run(JobContext ctx) {
            DatasetManifest manifest = ShardStep.run(ctx);
            Console.result("dataset " + manifest.name() + ": " + ctx.datasetDir());
        }
    }

    @Command(name = "train", description = "Train a latent model on shards; writes the model and checkpoints.")
    static final class Train extends SparkCommand {
        @Option(names = "--resume", description = "Continue the unfinished run --run-id from its latest checkpoint")
        boolean resume;

        @Override
        void run(JobContext ctx) {
            String runDir = Runs.train(ctx, RunIds.resolve(options.runId()), resume);
            Console.result("model: " + OutputLayout.model(runDir));
            Console.result("manifest: " + OutputLayout.manifest(runDir));
        }
    }

    @Command(name = "embed", description = "Write per-example latents of a trained run for every split.")
    static final class Embed extends SparkCommand {
        @Override
        void run(JobContext ctx) {
            String runDir = Runs.embed(ctx, options, RunIds.required(options.runId(), "embed"));
            Console.result("latents: " + OutputLayout.latents(runDir));
        }
    }

    @Command(name = "evaluate", description = "Write the evaluation table of a trained run.")
    static final class Evaluate extends SparkCommand {
        @Override
        void run(JobContext ctx) {
            String runDir = Runs.evaluate(ctx, options, RunIds.required(options.runId(), "evaluate"));
            Console.result("evaluation: " + OutputLayout.evaluation(runDir));
        }
    }

    @Command(name = "report", description = "Write a run's HTML report, or with several --run-id a page comparing "
            + "them.")
    static final class Report extends SparkCommand {
        @Override
        void run(JobContext ctx) {
            List<String> ids = options.runIds.stream().map(id -> RunIds.required(id, "report")).toList();
            if (ids.isEmpty()) {
                RunIds.required(null, "report");
            }
            String page = ids.size() == 1
                    ? OutputLayout.report(Runs.report(ctx, options, ids.get(0)))
                    : ComparisonReport.write(ctx, ids);
            Console.result("report: " + page + "/" + ReportStep.PAGE);
        }
    }

    @Command(name = "pipeline", description = "shard, train, embed, evaluate and report in one Spark application.")
    static class Pipeline extends SparkCommand {
        @Option(names = "--resume", description = "Continue the unfinished run --run-id from its latest checkpoint")
        boolean resume;

        @Override
        void run(JobContext ctx) {
            String runDir = Runs.pipeline(ctx, RunIds.resolve(options.runId()), resume);
            printRun(runDir);
        }
    }

    static void printRun(String runDir) {
        Console.result("run complete: " + runDir);
        Console.result("  latents:    " + OutputLayout.latents(runDir));
        Console.result("  evaluation: " + OutputLayout.evaluation(runDir));
        Console.result("  model:      " + OutputLayout.model(runDir));
        Console.result("  manifest:   " + OutputLayout.manifest(runDir));
        Console.result("  report:     " + OutputLayout.report(runDir) + "/" + ReportStep.PAGE);
    }
}
