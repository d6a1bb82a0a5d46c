package org.latentspark.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSessionsTest {
    @Test
    void executorsGetAeronsSettingsAndNd4jsMemoryBoundsBesideTheUsersOwnOptions() {
        SparkConf conf = SparkSessions.conf("t", "spark://h:7077",
                Map.of("spark.executor.extraJavaOptions", "-XX:+UseG1GC", "spark.executor.memory", "4g"));
        assertEquals("-XX:+UseG1GC -Daeron.dir.delete.on.shutdown="
                        + System.getProperty(SparkSessions.AERON_DELETE_ON_SHUTDOWN, "true")
                        + " -Daeron.publication.unblock.timeout="
                        + System.getProperty(SparkSessions.AERON_UNBLOCK_TIMEOUT, SparkSessions.AERON_UNBLOCK_NANOS)
                        + " -Dorg.bytedeco.javacpp.maxbytes=3276m -Dorg.bytedeco.javacpp.maxphysicalbytes=8192m",
                conf.get("spark.executor.extraJavaOptions"));
        assertEquals("4096m", conf.get("spark.executor.memoryOverhead"), "off-heap declared to the cluster manager");
        assertEquals("2", conf.get("spark.executorEnv.MALLOC_ARENA_MAX"), "glibc's arenas bounded on executors");
        assertEquals("PASSIVE", conf.get("spark.executorEnv.OMP_WAIT_POLICY"), "OpenMP threads do not spin");
    }

    @Test
    void settingsTheUserMadeAreKept() {
        SparkConf conf = SparkSessions.conf("t", "spark://h:7077", Map.of("spark.executor.extraJavaOptions",
                "-Daeron.publication.unblock.timeout=90000000000 -Dorg.bytedeco.javacpp.maxbytes=2g",
                "spark.executor.memory", "2g", "spark.executor.memoryOverhead", "1g"));
        assertEquals("-Daeron.publication.unblock.timeout=90000000000 -Dorg.bytedeco.javacpp.maxbytes=2g "
                + "-Daeron.dir.delete.on.shutdown=" + System.getProperty(SparkSessions.AERON_DELETE_ON_SHUTDOWN, "true")
                + " -Dorg.bytedeco.javacpp.maxphysicalbytes=3072m", conf.get("spark.executor.extraJavaOptions"));
        assertEquals("1g", conf.get("spark.executor.memoryOverhead"));
        SparkConf own = SparkSessions.conf("t", "spark://h:7077", Map.of("spark.executorEnv.MALLOC_ARENA_MAX", "8",
                "spark.executorEnv.OMP_WAIT_POLICY", "ACTIVE"));
        assertEquals("8", own.get("spark.executorEnv.MALLOC_ARENA_MAX"));
        assertEquals("ACTIVE", own.get("spark.executorEnv.OMP_WAIT_POLICY"));
    }

    @Test
    void localClusterExecutorsGetTheDriversClassPath() {
        SparkConf conf = SparkSessions.conf("t", "local-cluster[2,1,1024]", Map.of());
        assertEquals(System.getProperty("java.class.path"), conf.get("spark.executor.extraClassPath"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        SparkConf cluster = SparkSessions.conf("t", "spark://h:7077", Map.of());
        assertEquals(false, cluster.contains("spark.executor.extraClassPath"));
    }

    @Test
    void fleetSizesComeFromTheMasterOrTheExecutorInstances() {
        assertEquals(3, ExecutorFleet.requested(new SparkConf().setMaster("local-cluster[3, 2, 1024]")));
        assertEquals(1, ExecutorFleet.requested(new SparkConf().setMaster("local[4]")));
        assertEquals(5, ExecutorFleet.requested(new SparkConf().setMaster("yarn")
                .set("spark.executor.instances", "5")));
        assertEquals(0, ExecutorFleet.requested(new SparkConf().setMaster("spark://h:7077")));
        assertEquals(4, ExecutorFleet.requested(new SparkConf().setMaster("spark://h:7077")
                .set("spark.cores.max", "8").set("spark.executor.cores", "2")));
        assertEquals(false, ExecutorFleet.isLocal(new SparkConf().setMaster("local-cluster[2,1,1024]")));
    }
}
