package org.latentspark.jobs.training;

import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A fault for tests of the training watchdog: training tasks on the executor named by the system property
 * {@value #PROPERTY} ("driver" on local Spark) hang until interrupted, as a task stuck on a lost peer would. Unset,
 * it passes every minibatch through.
 */
final class StalledTaskFault implements FlatMapFunction<Iterator<String>, String> {
    static final String PROPERTY = "latentspark.fault.stalled-executor";

    @Override
    public Iterator<String> call(Iterator<String> paths) throws InterruptedException {
        String stalled = System.getProperty(PROPERTY);
        if (stalled != null && SparkEnv.get() != null && stalled.equals(SparkEnv.get().executorId())) {
            Thread.sleep(Long.MAX_VALUE);
        }
        return paths;
    }
}
