package org.latentspark.jobs.training;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.latentspark.common.DaemonThreads;
import scala.collection.JavaConverters;

/**
 * Turns a hang into a failure: while one epoch trains, progress is any Spark task starting or ending, and any change
 * of a running training task's example count (which executors report with their heartbeats, before the task ends; a
 * gradient-sharing task spans the whole epoch). With no progress for the stall timeout, the epoch's Spark jobs are
 * cancelled (their task threads interrupted) and {@link #check} turns the cancellation into a
 * TrainingStalledException naming the epoch and the stage that stood still.
 */
final class TrainingWatchdog implements AutoCloseable {
    /** The job group of every epoch's Spark jobs, so that they can be cancelled together. */
    static final String JOB_GROUP = "latentspark-training";

    private final JavaSparkContext sc;
    private final Duration timeout;
    private final String epoch;
    private final Listener listener = new Listener();
    private final ScheduledExecutorService clock;
    private volatile String stalled;

    private TrainingWatchdog(JavaSparkContext sc, Duration timeout, String epoch) {
        this.sc = sc;
        this.timeout = timeout;
        this.epoch = epoch;
        sc.setJobGroup(JOB_GROUP, "train " + epoch, true);
        sc.sc().addSparkListener(listener);
        clock = DaemonThreads.scheduler("latentspark-training-watchdog");
        long period = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
        clock.scheduleAtFixedRate(this::inspect, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches one epoch ({@code epoch} names it in the Spark UI and in the error, e.g. "epoch 3/20") on the calling
     * thread's Spark jobs; a zero timeout only names the jobs.
     */
    static TrainingWatchdog watch(JavaSparkContext sc, Duration timeout, String epoch) {
        return new TrainingWatchdog(sc, timeout, epoch);
    }

    /**
     * Rethrows a failure of the watched work: as a stall when the watchdog caused it, else as it is (DL4J lets
     * Spark's checked exceptions through undeclared).
     */
    RuntimeException check(Exception failure) {
        if (stalled != null) {
            return new TrainingStalledException(stalled, failure);
        }
        return TrainingWatchdog.<RuntimeException>rethrow(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T rethrow(Exception e) throws T {
        throw (T) e;
    }

    private void inspect() {
        if (stalled != null || timeout.isZero()) {
            return;
        }
        long idle = System.nanoTime() - listener.lastProgress;
        if (idle > timeout.toNanos()) {
            stalled = "training stalled in " + epoch + ": no minibatch trained and no Spark task ended for "
                    + timeout.toSeconds() + " s (train.stall-timeout), in " + listener.describeRunning()
                    + "; its checkpoints are kept: fix the cause (a stuck or lost executor, the network) and "
                    + "continue with --resume";
            sc.cancelJobGroup(JOB_GROUP);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        sc.sc().removeSparkListener(listener);
        sc.clearJobGroup();
    }

    /** Progress as the driver's listener bus reports it, and the stages running. */
    private static final class Listener extends SparkListener {
        volatile long lastProgress = System.nanoTime();
        private final Map<Integer, String> runningStages = new ConcurrentHashMap<>();
        private final Map<Long, Long> examplesByTask = new ConcurrentHashMap<>();

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted event) {
            runningStages.put(event.stageInfo().stageId(), event.stageInfo().name());
            lastProgress = System.nanoTime();
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted event) {
            runningStages.remove(event.stageInfo().stageId());
            lastProgress = System.nanoTime();
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart event) {
            lastProgress = System.nanoTime();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd event) {
            examplesByTask.remove(event.taskInfo().taskId());
            lastProgress = System.nanoTime();
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
            for (var update : JavaConverters.seqAsJavaList(event.accumUpdates())) {
                long task = (Long) update._1();
                for (AccumulableInfo info : JavaConverters.seqAsJavaList(update._4())) {
                    ExamplesPerExecutor.runningCount(info).ifPresent(examples -> {
                        if (!Objects.equals(examplesByTask.put(task, examples), examples)) {
                            lastProgress = System.nanoTime();
                        }
                    });
                }
            }
        }

        String describeRunning() {
            if (runningStages.isEmpty()) {
                return "no running Spark stage (the driver)";
            }
            StringBuilder text = new StringBuilder();
            runningStages.forEach((id, name) -> text.append(text.length() == 0 ? "" : ", ").append("Spark stage ")
                    .append(id).append(" (").append(name).append(")"));
            return text.toString();
        }
    }
}
