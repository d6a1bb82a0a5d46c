package org.latentspark.jobs.training;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.AccumulatorV2;

/**
 * Counts training examples by the executor that trained them ("driver" on local Spark). Spark merges the counts
 * of successful tasks only, so a task lost with its executor and run again is counted once, where it finished.
 */
public final class ExamplesPerExecutor extends AccumulatorV2<Long, Map<String, Long>> {
    /** Its registered name starts so, then the epoch (the training watchdog finds it in heartbeats by this). */
    static final String NAME_PREFIX = "examples trained in epoch ";
    private final TreeMap<String, Long> counts = new TreeMap<>();

    /**
     * The examples a running task has counted so far, from the accumulator update its executor's heartbeat
     * carries; empty for other accumulators.
     */
    static java.util.OptionalLong runningCount(org.apache.spark.scheduler.AccumulableInfo info) {
        if (info.name().isDefined() && info.name().get().startsWith(NAME_PREFIX) && info.update().isDefined()
                && info.update().get() instanceof Map<?, ?> counts) {
            long sum = 0;
            for (Object count : counts.values()) {
                sum += ((Number) count).longValue();
            }
            return java.util.OptionalLong.of(sum);
        }
        return java.util.OptionalLong.empty();
    }

    /** Adds examples for the executor this runs in. */
    @Override
    public void add(Long examples) {
        add(SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId(), examples);
    }

    synchronized void add(String executor, long examples) {
        counts.merge(executor, examples, Long::sum);
    }

    @Override
    public synchronized boolean isZero() {
        return counts.isEmpty();
    }

    @Override
    public synchronized AccumulatorV2<Long, Map<String, Long>> copy() {
        ExamplesPerExecutor copy = new ExamplesPerExecutor();
        copy.counts.putAll(counts);
        return copy;
    }

    @Override
    public synchronized void reset() {
        counts.clear();
    }

    @Override
    public void merge(AccumulatorV2<Long, Map<String, Long>> other) {
        other.value().forEach(this::add);
    }

    @Override
    public synchronized Map<String, Long> value() {
        return new TreeMap<>(counts);
    }
}
