package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LorenzSimulatorTest {
    private static final double BASE_HZ = 15;
    private static final double BIN_MS = 10;

    private static LorenzSimulator simulator(long seed) {
        return new LorenzSimulator(4, 3, 8, 50, 5, BIN_MS, BASE_HZ, 1.0, seed);
    }

    @Test
    void lorenzDerivativeByHand() {
        // At (1, 2, 3): σ(y − x) = 10, x(ρ − z) − y = 25 − 2 = 23, xy − βz = 2 − 8 = −6.
        assertArrayEquals(new double[] {10, 23, -6}, LorenzSimulator.lorenz(new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void rungeKuttaIsFourthOrder() {
        double[] x = {1, 2, 3};
        double[] oneStep = LorenzSimulator.rungeKutta(x, 0.01);
        double[] twoSteps = LorenzSimulator.rungeKutta(LorenzSimulator.rungeKutta(x, 0.005), 0.005);
        for (int i = 0; i < 3; i++) {
            // Local error O(h^5): about 1e-8 here, where a first-order method would differ by about 1e-3.
            assertEquals(twoSteps[i], oneStep[i], 1e-6);
        }
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        LorenzSimulator.Simulation a = simulator(5).simulate();
        LorenzSimulator.Simulation b = simulator(5).simulate();
        assertArrayEquals(a.rates()[2][7], b.rates()[2][7], 0.0);
        SpikeRecording ra = simulator(5).recording(a, 1);
        SpikeRecording rb = simulator(5).recording(b, 1);
        for (int n = 0; n < ra.unitCount(); n++) {
            assertArrayEquals(ra.spikeTimes()[n], rb.spikeTimes()[n], 0.0);
        }
        assertFalse(java.util.Arrays.equals(a.rates()[2][7], simulator(6).simulate().rates()[2][7]));
        assertFalse(java.util.Arrays.equals(ra.spikeTimes()[0], simulator(5).recording(a, 0).spikeTimes()[0]),
                "sessions draw their own spikes");
    }

    @Test
    void latentsAreNormalisedAndRatesRealistic() {
        LorenzSimulator.Simulation sim = simulator(1).simulate();
        for (int d = 0; d < 3; d++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (double[][] condition : sim.latents()) {
                for (double[] bin : condition) {
                    sum += bin[d];
                    squares += bin[d] * bin[d];
                    n++;
                }
            }
            assertEquals(0, sum / n, 1e-9);
            assertEquals(1, squares / n, 1e-9);
        }
        double binSeconds = BIN_MS / 1000;
        double total = 0;
        int count = 0;
        double max = 0;
        for (double[][] condition : sim.rates()) {
            for (double[] bin : condition) {
                for (double rate : bin) {
                    total += rate / binSeconds;
                    count++;
                    max = Math.max(max, rate / binSeconds);
                    assertTrue(rate > 0);
                }
            }
        }
        double meanHz = total / count;
        // Log-rates spread with standard deviation about gain = 1 around log(15 Hz): mean about 15·e^0.5.
        assertTrue(meanHz > BASE_HZ / 2 && meanHz < BASE_HZ * 3, "mean rate " + meanHz + " Hz");
        assertTrue(max < BASE_HZ * Math.exp(4), "max rate " + max + " Hz");
    }

    @Test
    void latentsMove() {
        // The trajectory must not sit at a fixed point: consecutive bins differ, and conditions differ.
        LorenzSimulator.Simulation sim = simulator(2).simulate();
        double step = 0;
        for (int t = 1; t < 50; t++) {
            step += Math.abs(sim.latents()[0][t][0] - sim.latents()[0][t - 1][0]);
        }
        assertTrue(step > 1, "latent x moved only " + step + " over 50 bins");
        assertFalse(java.util.Arrays.equals(sim.latents()[0][0], sim.latents()[1][0]));
    }

    @Test
    void recordingRebinsToTheSimulatedBinsWithNothingDropped() {
        LorenzSimulator sim = simulator(3);
        SpikeRecording rec = sim.recording(sim.simulate(), 0);
        assertEquals(12, rec.trialCount());
        assertEquals("2", rec.conditions()[6], "trials run condition by condition, 3 each");
        SpikeBinner.TrialWindows w = SpikeBinner.fromTrialStart(BIN_MS, 0, 5 * BIN_MS).plan(List.of(rec));
        assertEquals(50, w.bins());
        long binned = 0;
        for (int t = 0; t < rec.trialCount(); t++) {
            for (int c : w.counts(rec, 0, t)) {
                binned += c;
            }
        }
        assertEquals(rec.spikeCount(), binned);
        assertEquals(0, w.droppedSpikes(rec, 0));
    }

    @Test
    void poissonDrawsHaveTheirMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(11);
        for (double mean : new double[] {0.3, 45}) {
            int n = 20000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                int k = LorenzSimulator.poisson(mean, random);
                sum += k;
                squares += (double) k * k;
            }
            double m = sum / n;
            double v = squares / n - m * m;
            assertEquals(mean, m, 4 * Math.sqrt(mean / n), "mean for " + mean);
            assertEquals(mean, v, 0.05 * mean, "variance for " + mean);
        }
    }

    @Test
    void sessionsWrittenAsNwbReadBackAsTheSameSpikes(@TempDir Path dir) {
        LorenzSimulator sim = new LorenzSimulator(2, 2, 4, 10, 0, BIN_MS, 40, 1.0, 9);
        LorenzSimulator.Simulation truth = sim.simulate();
        List<String> paths = LorenzNwbFiles.write(sim, truth, 2, dir.toString(), new Configuration());
        assertEquals(List.of(dir + "/lorenz-0.nwb", dir + "/lorenz-1.nwb"), paths);
        SpikeRecording read = NwbReader.read(paths.get(1), new Configuration(), "condition");
        SpikeRecording made = sim.recording(truth, 1);
        assertEquals("lorenz-1", read.session());
        assertArrayEquals(made.unitIds(), read.unitIds());
        assertArrayEquals(made.spikeTimes()[3], read.spikeTimes()[3], 0.0);
        assertArrayEquals(made.conditions(), read.conditions());
    }
}
