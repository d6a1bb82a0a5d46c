package org.latentspark.jobs.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/** Peak resident memory (Linux's VmHWM) of the driver and of each executor JVM, heap and ND4J's off-heap together. */
final class PeakMemory {
    private PeakMemory() {
    }

    /** "driver 3,210 MB; executor 0 1,800 MB; ...", or a note where /proc is not there. */
    static String describe(JavaSparkContext sc, int executors) {
        Map<String, Long> peaks = new TreeMap<>();
        int tasks = Math.max(1, executors) * 4;
        List<Tuple2<String, Long>> seen = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                .map(i -> new Tuple2<>(SparkEnv.get().executorId(), ownPeakMb())).collect();
        for (Tuple2<String, Long> s : seen) {
            peaks.merge(s._1(), s._2(), Math::max);
        }
        peaks.put("driver", ownPeakMb());
        StringBuilder out = new StringBuilder("peak resident memory:");
        peaks.forEach((who, mb) -> out.append(String.format(" %s%s %,d MB;",
                "driver".equals(who) ? "" : "executor ", who, mb)));
        return out.substring(0, out.length() - 1);
    }

    /** This JVM's peak resident set in MB, or -1 without /proc. */
    static long ownPeakMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
