package org.latentspark.jobs.spark;

import org.apache.spark.SparkConf;

/**
 * Bounds ND4J's off-heap memory on executors and declares it to Spark, so that YARN and Kubernetes do not kill
 * executors for memory they were never told about. ND4J's arrays live outside the heap, in JavaCPP's buffers, which
 * by default may grow to the heap's size again (a text run with -Xmx6g peaked at 12.1 GB resident). Unless the user
 * set them: spark.executor.memoryOverhead becomes the executor memory (an equal off-heap budget), JavaCPP's
 * maxbytes 80% of that overhead (the rest for the JVM's own native memory, Netty and Aeron), and its
 * maxphysicalbytes heap + overhead, so that ND4J fails with an OutOfMemoryError naming the limit before the cluster
 * manager kills the container.
 */
final class ExecutorMemory {
    static final String OVERHEAD = "spark.executor.memoryOverhead";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    private ExecutorMemory() {
    }

    static void declare(SparkConf conf) {
        long heapMb = conf.getSizeAsMb("spark.executor.memory", "1g");
        if (!conf.contains(OVERHEAD)) {
            conf.set(OVERHEAD, heapMb + "m");
        }
        long overheadMb = conf.getSizeAsMb(OVERHEAD, heapMb + "m");
        String options = conf.get(SparkSessions.EXECUTOR_JAVA_OPTIONS, "");
        StringBuilder added = new StringBuilder(options);
        if (!options.contains(MAX_BYTES + "=")) {
            added.append(" -D").append(MAX_BYTES).append('=').append(overheadMb * 8 / 10).append('m');
        }
        if (!options.contains(MAX_PHYSICAL_BYTES + "=")) {
            added.append(" -D").append(MAX_PHYSICAL_BYTES).append('=').append(heapMb + overheadMb).append('m');
        }
        conf.set(SparkSessions.EXECUTOR_JAVA_OPTIONS, added.toString().trim());
    }
}
