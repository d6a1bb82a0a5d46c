package org.latentspark.jobs.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;
import org.latentspark.common.schema.EvaluationSchema.Metric;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Which slices of a trial's arrays each NLB metric sees, on two hand-made test trials of two observed bins and one
 * forward bin, one held-in unit (0) and one held-out unit (1). Rates are stored bin-major, [bin][unit].
 */
class NlbMetricsTest {
    private static final TrialGeometry NO_TRUTH = new TrialGeometry(2, 1, 1, 1, 1, 1, 10.0, 0, false);
    private static final TrialGeometry WITH_TRUTH = new TrialGeometry(2, 1, 1, 1, 1, 1, 10.0, 1, false);
    /** Held-in rates the held-out metric must not see: read by mistake, they would wreck co_bps. */
    private static final float WRONG = 100f;

    @Test
    void coBpsSeesHeldOutUnitsInObservedBinsAndFpBpsEveryUnitInForwardBins() {
        // Held-out spikes A = [1, 0], B = [0, 1]; model rates there A = [1, 0.25], B = [0.25, 1]. The null rate is
        // 0.5: NLL 2 + 2 ln 2 against the model's 2.5, over 2 spikes: co_bps = (2 ln 2 - 0.5) / (2 ln 2).
        // Forward spikes (held-in A = 1, held-out B = 1) at rate 0.5 everywhere: exactly the null, fp_bps = 0.
        Row a = trial("a", new float[] {WRONG, 1f, WRONG, 0.25f, 0.5f, 0.5f}, new int[] {0, 0}, new int[] {1, 0},
                new int[] {1}, new int[] {0}, null);
        Row b = trial("b", new float[] {WRONG, 0.25f, WRONG, 1f, 0.5f, 0.5f}, new int[] {0, 0}, new int[] {0, 1},
                new int[] {0}, new int[] {1}, null);
        Map<String, Double> m = byName(new NlbMetrics(NO_TRUTH, defaults(), "lfads").compute(List.of(), List.of(a, b)));
        assertEquals(1 - 0.25 / Math.log(2), m.get("lfads/co_bps"), 1e-6);
        assertEquals(0.0, m.get("lfads/fp_bps"), 1e-6);
        assertEquals(2, m.size(), "no train trials: no smoothing baseline; no conditions, no truth: " + m);
    }

    @Test
    void rateCorrelationSeesEveryUnitInTheObservedBinsOnly() {
        // Model rates equal the true rates in the observed bins; the forward bin holds anything.
        float[] truthA = {1f, 2f, 3f, 5f};
        float[] truthB = {2f, 1f, 4f, 3f};
        Row a = trial("a", new float[] {1f, 2f, 3f, 5f, 9f, 0f}, new int[] {1, 0}, new int[] {1, 0},
                new int[] {1}, new int[] {0}, truthA);
        Row b = trial("b", new float[] {2f, 1f, 4f, 3f, 0f, 9f}, new int[] {0, 1}, new int[] {0, 1},
                new int[] {0}, new int[] {1}, truthB);
        Map<String, Double> m = byName(new NlbMetrics(WITH_TRUTH, defaults(), "lfads")
                .compute(List.of(), List.of(a, b)));
        assertEquals(1.0, m.get("lfads/rate_corr"), 1e-9);
        // The ceiling scores the true held-out rates (A: 2, 5; B: 1, 3) on the held-out spikes (A: 1, 0; B: 0, 1):
        // NLL 11 - ln 2 - ln 3 against the null rate 0.5's 2 + 2 ln 2, over 2 spikes.
        assertEquals((3 * Math.log(2) + Math.log(3) - 9) / (2 * Math.log(2)), m.get("true_rates/co_bps"), 1e-6);
        assertEquals(null, m.get("lfads/latent_r2"), "latent_r2 is fit on train trials, and there are none");
    }

    @Test
    void noTestTrialsGiveNoMetrics() {
        assertEquals(List.of(), new NlbMetrics(NO_TRUTH, defaults(), "lfads").compute(List.of(), List.of()));
    }

    private static Row trial(String id, float[] rates, int[] heldIn, int[] heldOut, int[] forwardHeldIn,
                             int[] forwardHeldOut, float[] trueRates) {
        Object[] values = {
            "test", id, "s1", 0, null, 0.0, 0.0, seq(List.of(0.0)), seq(List.of(0.0)), seq(List.of(0.0)),
            floats(new float[NO_TRUTH.totalBins()]), floats(rates), ints(heldIn), ints(heldOut), ints(forwardHeldIn),
            ints(forwardHeldOut), trueRates == null ? null : floats(new float[2]),
            trueRates == null ? null : floats(trueRates)};
        return new GenericRowWithSchema(values, TrialScores.SCHEMA);
    }

    private static Seq<Float> floats(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return seq(List.of(boxed));
    }

    private static Seq<Integer> ints(int[] values) {
        return seq(java.util.Arrays.stream(values).boxed().toList());
    }

    /** Array columns of a Row are Scala sequences, as Spark makes them. */
    private static <T> Seq<T> seq(List<T> values) {
        return JavaConverters.asScalaBuffer(values).toList();
    }

    private static Map<String, Double> byName(List<Metric> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach(x -> out.put(x.model() + "/" + x.metric(), x.value()));
        return out;
    }

    private static org.latentspark.common.config.EvaluateSettings defaults() {
        return RunConfig.load(null, List.of()).evaluate();
    }
}
