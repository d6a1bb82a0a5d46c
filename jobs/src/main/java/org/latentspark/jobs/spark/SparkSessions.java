package org.latentspark.jobs.spark;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every command runs in, with the settings DL4J's Spark training needs (Kryo with ND4J's
 * registrator, Aeron's settings on driver and executors). Under spark-submit the master comes from there; otherwise
 * {@code --master} (default local[*]). Settings given with {@code --conf} apply as spark-submit's do.
 */
public final class SparkSessions {
    /**
     * The native libraries' environment every executor gets unless set (the launcher and deploy/spark-submit.sh set
     * it for the driver). glibc gives each thread that allocates its own malloc arena and keeps what ND4J frees
     * there: an LFADS run of 220 steps held 4.7 GB in 75 arenas after 30 minutes; two bound it. ND4J's OpenMP threads
     * spin after each op by default and take the cores from OpenBLAS's threads and the task's own: on 2 cores an
     * LFADS minibatch on two op threads took 70 ms spinning, 36 ms passive, and the image VAE's single JVM trained
     * 1,124 images/s spinning, 1,712 passive (README, "OpenMP threads that wait passively").
     */
    static final Map<String, String> EXECUTOR_ENVIRONMENT = Map.of(
            "MALLOC_ARENA_MAX", "2",
            "OMP_WAIT_POLICY", "PASSIVE");
    /** Aeron (gradient sharing) dies at start with its defaults; this must exceed its 30 s client liveness timeout. */
    public static final String AERON_UNBLOCK_TIMEOUT = "aeron.publication.unblock.timeout";
    static final String AERON_UNBLOCK_NANOS = "60000000000";
    /**
     * Aeron's defaults leave each JVM's buffers (hundreds of MiB) in /dev/shm when it exits; tmpfs holds them in
     * memory until the host reboots. Deleted on a clean exit, so only a killed JVM's are left, for the next run to
     * reclaim (AeronDirectory).
     */
    static final String AERON_DELETE_ON_SHUTDOWN = "aeron.dir.delete.on.shutdown";
    /** What every JVM of the application gets unless it sets its own. */
    static final Map<String, String> AERON_DEFAULTS = Map.of(
            AERON_UNBLOCK_TIMEOUT, AERON_UNBLOCK_NANOS,
            AERON_DELETE_ON_SHUTDOWN, "true");
    static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    static final String EXECUTOR_CLASS_PATH = "spark.executor.extraClassPath";

    private SparkSessions() {
    }

    public static SparkSession create(String appName, String masterOption, Map<String, String> settings) {
        AERON_DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        SparkConf conf = conf(appName, masterOption, settings);
        MasterCheck.requireReachable(conf.get("spark.master"));
        return SparkSession.builder().config(conf).getOrCreate();
    }

    static SparkConf conf(String appName, String masterOption, Map<String, String> settings) {
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", KryoRegistrator.class.getName())
                .set("spark.kryoserializer.buffer.max", "1g");
        settings.forEach(conf::setIfMissing);
        if (!conf.contains("spark.master")) {
            conf.setMaster(masterOption);
        }
        // Executors are other JVMs: a -D given to the driver does not reach them.
        StringBuilder executorOptions = new StringBuilder(conf.get(EXECUTOR_JAVA_OPTIONS, ""));
        new TreeMap<>(AERON_DEFAULTS).forEach((key, value) -> {
            if (executorOptions.indexOf("-D" + key + "=") < 0) {
                executorOptions.append(" -D").append(key).append('=').append(System.getProperty(key, value));
            }
        });
        conf.set(EXECUTOR_JAVA_OPTIONS, executorOptions.toString().trim());
        // Executors are other processes: their environment is set here.
        EXECUTOR_ENVIRONMENT.forEach((name, value) -> conf.setIfMissing("spark.executorEnv." + name, value));
        ExecutorMemory.declare(conf);
        String master = conf.get("spark.master");
        if (master.startsWith("local-cluster") && !conf.contains(EXECUTOR_CLASS_PATH)) {
            // Spark's multi-process local mode starts executors from SPARK_HOME/jars; without a Spark distribution
            // they get the driver's class path, as in Spark's own tests.
            conf.set(EXECUTOR_CLASS_PATH, System.getProperty("java.class.path"));
        }
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }
}
