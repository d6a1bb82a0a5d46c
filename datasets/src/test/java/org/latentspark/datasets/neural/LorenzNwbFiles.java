package org.latentspark.datasets.neural;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Simulated Lorenz sessions written as NWB files, as a recording rig's would be: the tests' NWB input. */
public final class LorenzNwbFiles {
    private LorenzNwbFiles() {
    }

    /**
     * Writes sessions 0 to {@code sessions - 1} as NWB files {@code dir/lorenz-<s>.nwb}, all with the same units
     * and conditions; returns their paths.
     */
    public static List<String> write(LorenzSimulator simulator, LorenzSimulator.Simulation sim, int sessions,
                                     String dir, Configuration conf) {
        List<String> paths = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String path = (dir.endsWith("/") ? dir : dir + "/") + LorenzSimulator.sessionName(s) + ".nwb";
            NwbWriter.write(simulator.recording(sim, s), path, conf);
            paths.add(path);
        }
        return paths;
    }
}
