package org.latentspark.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every command runs in, with the settings DL4J's Spark training needs (Kryo with ND4J's
 * registrator, Aeron's timeout on driver and executors). Under spark-submit the master comes from there; otherwise
 * {@code --master} (default local[*]). Settings given with {@code --conf} apply as spark-submit's do.
 */
public final class SparkSessions {
    /** Aeron (gradient sharing) dies at start with its defaults; this must exceed its 30 s client liveness timeout. */
    public static final String AERON_UNBLOCK_TIMEOUT = "aeron.publication.unblock.timeout";
    static final String AERON_UNBLOCK_NANOS = "60000000000";
    static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    static final String EXECUTOR_CLASS_PATH = "spark.executor.extraClassPath";

    private SparkSessions() {
    }

    public static SparkSession create(String appName, String masterOption, Map<String, String> settings) {
        if (System.getProperty(AERON_UNBLOCK_TIMEOUT) == null) {
            System.setProperty(AERON_UNBLOCK_TIMEOUT, AERON_UNBLOCK_NANOS);
        }
        return SparkSession.builder().config(conf(appName, masterOption, settings)).getOrCreate();
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
        String executorOptions = conf.get(EXECUTOR_JAVA_OPTIONS, "");
        if (!executorOptions.contains(AERON_UNBLOCK_TIMEOUT)) {
            conf.set(EXECUTOR_JAVA_OPTIONS, (executorOptions + " -D" + AERON_UNBLOCK_TIMEOUT + "="
                    + System.getProperty(AERON_UNBLOCK_TIMEOUT, AERON_UNBLOCK_NANOS)).trim());
        }
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
