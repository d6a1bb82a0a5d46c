package org.latentspark.jobs.cli;

import org.latentspark.common.EnvironmentException;
import org.latentspark.common.UserInputException;
import org.latentspark.jobs.training.TrainingDivergedException;
import org.latentspark.jobs.training.TrainingIncompleteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point: {@code ./latentspark <command>} locally, and the {@code --class} of the application jar under
 * spark-submit. Exit status 0 on success; otherwise one line on stderr naming what is at fault.
 */
@Command(name = "latentspark", mixinStandardHelpOptions = true, versionProvider = LatentSparkCli.Version.class,
        description = "Shard datasets, train latent-variable models on Spark, write latents and evaluations.",
        subcommands = {DemoCommand.class, Commands.Shard.class, Commands.Train.class, Commands.Embed.class,
                Commands.Evaluate.class, Commands.Pipeline.class, Commands.Report.class, BenchmarkCommand.class})
public final class LatentSparkCli {
    public static final int EXIT_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DIVERGED = 3;
    public static final int EXIT_INTERNAL = 4;
    public static final int EXIT_NOT_TRAINED = 5;
    /** The environment failed (output location, Spark master, port, shared memory): a retry may help once fixed. */
    public static final int EXIT_ENVIRONMENT = 6;

    public static void main(String[] args) {
        Console.install();
        System.exit(run(args));
    }

    /** Runs a command and returns its exit status (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new LatentSparkCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> report(e));
        cli.setParameterExceptionHandler((e, parsed) -> {
            System.err.println("latentspark: error: " + e.getMessage() + " (see: latentspark "
                    + e.getCommandLine().getCommandName().replace("latentspark", "").trim() + " --help)");
            return EXIT_USAGE;
        });
        return cli.execute(args);
    }

    static int report(Throwable failure) {
        boolean explained = find(failure, UserInputException.class) != null
                || find(failure, EnvironmentException.class) != null;
        Throwable e = explained ? failure : IoFailures.explain(failure).<Throwable>map(t -> t).orElse(failure);
        UserInputException input = find(e, UserInputException.class);
        if (input != null) {
            System.err.println("latentspark: error: " + input.getMessage());
            return EXIT_INPUT;
        }
        EnvironmentException environment = find(e, EnvironmentException.class);
        if (environment != null) {
            System.err.println("latentspark: error: " + environment.getMessage());
            return EXIT_ENVIRONMENT;
        }
        TrainingDivergedException diverged = find(e, TrainingDivergedException.class);
        if (diverged != null) {
            System.err.println("latentspark: error: " + diverged.getMessage());
            return EXIT_DIVERGED;
        }
        TrainingIncompleteException notTrained = find(e, TrainingIncompleteException.class);
        if (notTrained != null) {
            System.err.println("latentspark: error: training did not train: " + notTrained.getMessage());
            return EXIT_NOT_TRAINED;
        }
        if (System.getenv("LATENTSPARK_DEBUG") != null) {
            e.printStackTrace();
        }
        System.err.println("latentspark: internal error: " + e + " (set LATENTSPARK_DEBUG=1 for the stack trace)");
        return EXIT_INTERNAL;
    }

    /** The cause of type T, also when Spark has wrapped an executor's exception. */
    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latentspark " + org.latentspark.common.manifest.Versions.collect().get("latentspark").asText()};
        }
    }
}
