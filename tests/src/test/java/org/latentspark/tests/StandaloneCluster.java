package org.latentspark.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on this machine, started from a Spark home whose jars/ links the jars of a Spark
 * distribution (deploy/spark-home resolves them from Maven): a master and {@code workers} worker processes, to
 * which applications are submitted through Spark's spark-submit entry point, as on a real cluster.
 */
final class StandaloneCluster implements AutoCloseable {
    /** Spark on Java 17 needs these; spark-class adds them, a plain java command does not. */
    static final List<String> JAVA17_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.zip",
            "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar").stream()
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    /** The driver's heap: spark-submit in client mode runs the driver in its own JVM. */
    static final String DRIVER_HEAP = "-Xmx3g";
    private final Path home;
    private final Path logs;
    private final String masterUrl;
    private final List<Process> daemons = new ArrayList<>();

    private StandaloneCluster(Path home, Path logs, String masterUrl) {
        this.home = home;
        this.logs = logs;
        this.masterUrl = masterUrl;
    }

    /** Starts a master and {@code workers} workers of {@code cores} cores and {@code memoryMb} each; waits for them. */
    static StandaloneCluster start(Path dir, int workers, int cores, int memoryMb) {
        Path home = sparkHome(dir.resolve("spark-home"));
        Path logs = dir.resolve("logs");
        int port = freePort();
        StandaloneCluster cluster = new StandaloneCluster(home, logs, "spark://127.0.0.1:" + port);
        try {
            Files.createDirectories(logs);
            cluster.daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            cluster.awaitLog("master", "I have been elected leader", Duration.ofSeconds(60));
            for (int i = 0; i < workers; i++) {
                cluster.daemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", String.valueOf(cores), "--memory", memoryMb + "m",
                        "--webui-port", String.valueOf(freePort()),
                        "--work-dir", dir.resolve("work-" + i).toString(), cluster.masterUrl);
            }
            for (int i = 0; i < workers; i++) {
                cluster.awaitLog("worker-" + i, "Successfully registered with master", Duration.ofSeconds(60));
            }
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /**
     * Runs spark-submit (client mode) with {@code args}; returns its exit status, its output in
     * {@code logs/submit.log}, or fails after {@code timeout}.
     */
    int submit(List<String> args, Duration timeout) {
        List<String> command = java("org.apache.spark.deploy.SparkSubmit", DRIVER_HEAP);
        command.addAll(List.of("--master", masterUrl, "--deploy-mode", "client"));
        command.addAll(args);
        try {
            Process p = process(command, logs.resolve("submit.log"));
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("spark-submit ran past " + timeout + "; see " + logs.resolve("submit.log"));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String log(String name) {
        try {
            return Files.readString(logs.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
        for (Process daemon : daemons) {
            try {
                daemon.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void daemon(String name, String mainClass, String... args) {
        List<String> command = java(mainClass, "-Xmx512m");
        command.addAll(List.of(args));
        daemons.add(process(command, logs.resolve(name + ".log")));
    }

    private List<String> java(String mainClass, String heap) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap));
        command.addAll(JAVA17_OPENS);
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        return command;
    }

    private Process process(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.remove("SPARK_DIST_CLASSPATH");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(command.size() - 1), e);
        }
    }

    private void awaitLog(String name, String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = logs.resolve(name + ".log");
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file) && Files.readString(file).contains(line)) {
                    return;
                }
                Thread.sleep(250);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(name + " did not log '" + line + "' within " + timeout + ":\n" + log(name + ".log"));
    }

    /** A Spark home whose jars/ links every jar of the Spark distribution that deploy/spark-home lists. */
    private static Path sparkHome(Path home) {
        Path list = Path.of(System.getProperty("latentspark.spark-jars",
                "../deploy/spark-home/target/spark-jars.txt"));
        try {
            Files.createDirectories(home.resolve("jars"));
            for (String jar : Files.readString(list).strip().split(java.io.File.pathSeparator)) {
                Path source = Path.of(jar);
                Path link = home.resolve("jars").resolve(source.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, source);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble a Spark home from " + list.toAbsolutePath()
                    + " (built by deploy/spark-home)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
