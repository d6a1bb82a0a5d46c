package org.latentspark.jobs.spark;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.latentspark.common.UserInputException;
import scala.collection.JavaConverters;

/**
 * The executor JVMs that train: which are registered, how many to wait for, and the cores each has. On local
 * Spark the driver JVM runs every task and counts as the one executor, "driver".
 */
public final class ExecutorFleet {
    /** The executor id of the driver JVM, which runs the tasks on local Spark. */
    public static final String DRIVER = "driver";
    private static final Pattern LOCAL_CLUSTER =
            Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    private ExecutorFleet() {
    }

    public static boolean isLocal(SparkConf conf) {
        String master = conf.get("spark.master", "local[*]");
        return master.startsWith("local") && !master.startsWith("local-cluster");
    }

    /** Ids of the executors registered now. */
    public static Set<String> registered(JavaSparkContext sc) {
        if (isLocal(sc.getConf())) {
            return Set.of(DRIVER);
        }
        return new TreeSet<>(JavaConverters.seqAsJavaList(sc.sc().getExecutorIds()));
    }

    /**
     * Executors the application asked for: local-cluster[E, ...]'s E, else spark.executor.instances (YARN,
     * Kubernetes), else spark.cores.max / spark.executor.cores (standalone), else 0 (unknown).
     */
    public static int requested(SparkConf conf) {
        if (isLocal(conf)) {
            return 1;
        }
        Matcher m = LOCAL_CLUSTER.matcher(conf.get("spark.master", ""));
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        if (conf.contains("spark.executor.instances")) {
            return conf.getInt("spark.executor.instances", 0);
        }
        if (conf.contains("spark.cores.max") && conf.contains("spark.executor.cores")) {
            return conf.getInt("spark.cores.max", 0) / Math.max(1, conf.getInt("spark.executor.cores", 1));
        }
        return 0;
    }

    /** Cores of each executor: local Spark's threads, local-cluster's C, spark.executor.cores, else an even share. */
    public static int coresPerExecutor(JavaSparkContext sc) {
        SparkConf conf = sc.getConf();
        if (isLocal(conf)) {
            return sc.defaultParallelism();
        }
        Matcher m = LOCAL_CLUSTER.matcher(conf.get("spark.master", ""));
        if (m.matches()) {
            return Integer.parseInt(m.group(2));
        }
        if (conf.contains("spark.executor.cores")) {
            return conf.getInt("spark.executor.cores", 1);
        }
        return Math.max(1, sc.defaultParallelism() / Math.max(1, registered(sc).size()));
    }

    /**
     * Waits until the requested executors have registered (they start after the SparkContext does), at most
     * {@code timeoutSeconds}; then goes on with those registered, or fails when there are none.
     *
     * @return the executors registered
     */
    public static Set<String> await(JavaSparkContext sc, int timeoutSeconds, Consumer<String> log) {
        int wanted = Math.max(1, requested(sc.getConf()));
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        Set<String> executors = registered(sc);
        while (executors.size() < wanted && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            executors = registered(sc);
        }
        if (executors.isEmpty()) {
            throw new UserInputException("no Spark executor registered with master " + sc.master() + " within "
                    + timeoutSeconds + " s; check that the cluster has free cores and memory for the executors");
        }
        if (executors.size() < wanted) {
            log.accept(String.format("training on %d of the %d executors requested (the others did not register "
                    + "within %d s)", executors.size(), wanted, timeoutSeconds));
        }
        return executors;
    }
}
