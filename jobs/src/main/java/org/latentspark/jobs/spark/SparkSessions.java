package org.latentspark.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every command runs in, with the settings DL4J's Spark training needs (Kryo with ND4J's
 * registrator). Under spark-submit the master comes from there; otherwise {@code --master} (default local[*]).
 */
public final class SparkSessions {
    /** Aeron (gradient sharing) dies at start with its defaults; this must exceed its 30 s client liveness timeout. */
    public static final String AERON_UNBLOCK_TIMEOUT = "aeron.publication.unblock.timeout";

    private SparkSessions() {
    }

    public static SparkSession create(String appName, String masterOption) {
        if (System.getProperty(AERON_UNBLOCK_TIMEOUT) == null) {
            System.setProperty(AERON_UNBLOCK_TIMEOUT, "60000000000");
        }
        SparkConf conf = new SparkConf()
                .setAppName(appName)
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", KryoRegistrator.class.getName())
                .set("spark.kryoserializer.buffer.max", "1g");
        if (!conf.contains("spark.master")) {
            conf.setMaster(masterOption);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
