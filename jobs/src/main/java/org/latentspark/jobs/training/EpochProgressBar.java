package org.latentspark.jobs.training;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.latentspark.common.DaemonThreads;
import org.latentspark.common.StatusLine;
import scala.collection.JavaConverters;

/**
 * A bar within one training epoch on the terminal's status line: examples trained (finished tasks' counts plus what
 * running tasks report with their executors' heartbeats), examples per second and the time left. Does nothing when
 * the command line shows no status line.
 */
final class EpochProgressBar implements AutoCloseable {
    private static final int WIDTH = 24;
    private final JavaSparkContext sc;
    private final ExamplesPerExecutor trained;
    private final Listener listener = new Listener();
    private final ScheduledExecutorService clock;
    private final long start = System.nanoTime();
    private final long total;
    private final String epoch;
    private long shown;

    private EpochProgressBar(JavaSparkContext sc, ExamplesPerExecutor trained, long total, String epoch) {
        this.sc = sc;
        this.trained = trained;
        this.total = total;
        this.epoch = epoch;
        sc.sc().addSparkListener(listener);
        clock = DaemonThreads.scheduler("latentspark-progress");
        clock.scheduleAtFixedRate(this::draw, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** @return a bar, or null when no status line is shown */
    static EpochProgressBar start(JavaSparkContext sc, ExamplesPerExecutor trained, long total, String epoch) {
        return StatusLine.shown() ? new EpochProgressBar(sc, trained, total, epoch) : null;
    }

    private synchronized void draw() {
        long done = trained.value().values().stream().mapToLong(Long::longValue).sum();
        for (long running : listener.examplesByTask.values()) {
            done += running;
        }
        // Counts from heartbeats and finished tasks can overlap for a moment: never go backwards or past the end.
        shown = Math.min(total, Math.max(shown, done));
        StatusLine.show(line(epoch, shown, total, (System.nanoTime() - start) / 1e9));
    }

    /** e.g. "epoch 3/20 [#########...............] 38% 18,000/47,769 · 2,310/s · 13 s left". */
    static String line(String epoch, long done, long total, double seconds) {
        double fraction = total == 0 ? 0 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 ? String.format(Locale.ROOT, "%.0f s left", (total - done) / rate) : "…";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d · %,.0f/s · %s", epoch, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * fraction, done, total, rate, left);
    }

    @Override
    public void close() {
        clock.shutdownNow();
        sc.sc().removeSparkListener(listener);
        StatusLine.clear();
    }

    /** Running training tasks' example counts, from heartbeats; a task's count leaves when it ends. */
    private static final class Listener extends SparkListener {
        final Map<Long, Long> examplesByTask = new ConcurrentHashMap<>();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd event) {
            examplesByTask.remove(event.taskInfo().taskId());
        }

        @Override
        public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
            for (var update : JavaConverters.seqAsJavaList(event.accumUpdates())) {
                for (AccumulableInfo info : JavaConverters.seqAsJavaList(update._4())) {
                    ExamplesPerExecutor.runningCount(info).ifPresent(n -> examplesByTask.put((Long) update._1(), n));
                }
            }
        }
    }
}
