package org.latentspark.jobs.training;

import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A fault for tests of the training audit: the executor named by the system property
 * {@value #PROPERTY} (set on executors with spark.executor.extraJavaOptions) hands its training tasks no
 * minibatches, so it joins training but trains nothing, as a worker that silently failed would. Unset, it passes
 * every minibatch through.
 */
final class IdleExecutorFault implements FlatMapFunction<Iterator<String>, String> {
    static final String PROPERTY = "latentspark.fault.idle-executor";

    @Override
    public Iterator<String> call(Iterator<String> paths) {
        String idle = System.getProperty(PROPERTY);
        if (idle != null && SparkEnv.get() != null && idle.equals(SparkEnv.get().executorId())) {
            return Collections.emptyIterator();
        }
        return paths;
    }
}
