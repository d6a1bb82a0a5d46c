package org.latentspark.jobs.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.datasets.images.FashionMnist;
import org.latentspark.jobs.steps.JobContext;
import picocli.CommandLine.Command;

/**
 * The whole pipeline on data available offline: Fashion-MNIST when the Debian package dataset-fashion-mnist is
 * installed, procedurally drawn sprites otherwise. --config and --set still apply on top.
 */
@Command(name = "demo", description = "Run the whole pipeline on offline data (Fashion-MNIST if installed, else sprites).")
final class DemoCommand extends Commands.SparkCommand {

    @Override
    RunConfig loadConfig() {
        Optional<FashionMnist.IdxFiles> fashion = FashionMnist.installed();
        List<String> overrides = new ArrayList<>();
        String example;
        if (fashion.isPresent()) {
            example = "latentspark/examples/demo-fashion-mnist.conf";
            overrides.add("dataset.path=\"" + fashion.get().trainImages() + "\"");
            overrides.add("dataset.labels-path=\"" + fashion.get().trainLabels() + "\"");
        } else {
            example = "latentspark/examples/demo-sprites.conf";
        }
        overrides.addAll(options.overrides);
        Config base = ConfigLoader.resource(example);
        Console.progress("demo configuration: " + example.substring("latentspark/".length()));
        return RunConfig.from(ConfigLoader.load(base, options.config, overrides));
    }

    @Override
    void run(JobContext ctx) {
        Commands.printRun(Runs.pipeline(ctx, RunIds.resolve(options.runId), false));
    }
}
