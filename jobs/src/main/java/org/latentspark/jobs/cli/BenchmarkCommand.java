package org.latentspark.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "benchmark", description = "Compare training throughput: one JVM vs Spark averaging vs Spark sharing.")
final class BenchmarkCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("benchmark: not yet");
    }
}
