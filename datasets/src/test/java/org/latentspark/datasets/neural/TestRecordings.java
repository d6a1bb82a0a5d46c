package org.latentspark.datasets.neural;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small hand-made recordings for the neural tests. */
final class TestRecordings {
    private TestRecordings() {
    }

    /** Three units, three trials of one second each with a 0.5 s gap, conditions and a go-cue column. */
    static SpikeRecording small(String session, String source) {
        Map<String, double[]> events = new LinkedHashMap<>();
        events.put("go_cue_time", new double[] {0.25, 1.75, Double.NaN});
        return new SpikeRecording(session, new long[] {11, 5, 42},
                new double[][] {
                    {0.013, 0.1, 0.5, 1.6, 1.65, 3.2, 3.3},
                    {},
                    {0.0, 0.999, 1.0, 1.5, 2.49, 2.5, 4.1},
                },
                new double[] {0.0, 1.5, 3.0}, new double[] {1.0, 2.5, 4.0},
                new String[] {"left", "right", "left"}, events, source);
    }
}
