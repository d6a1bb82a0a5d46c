package org.latentspark.jobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.config.RunConfig;

class CandidateTest {
    private static RunConfig resolved() {
        return RunConfig.load(null, List.of("dataset.format=lorenz", "train.epochs=40", "train.batch-size=16",
                "train.learning-rate=0.01", "model.kl-warmup-epochs=10", "model.beta=1", "model.lfads.dropout=0.05",
                "train.search.candidates=32"));
    }

    @Test
    void candidateZeroIsTheRunsOwnAndTheOthersDrawWithinTheirBounds() {
        List<Candidate> candidates = Candidate.draw(resolved(), 32, 7);
        assertEquals(32, candidates.size());
        Candidate first = candidates.get(0);
        assertEquals(0.01, first.settings().get("train.learning-rate"));
        assertEquals(10.0, first.settings().get("model.kl-warmup-epochs"));
        assertEquals(0.05, first.settings().get("model.lfads.dropout"));
        for (Candidate c : candidates.subList(1, 32)) {
            double rate = c.config().train().learningRate();
            assertTrue(rate >= 0.0025 && rate <= 0.02, "learning rate " + rate);
            assertTrue(c.config().model().klWarmupEpochs() >= 0 && c.config().model().klWarmupEpochs() <= 20);
            double beta = c.config().model().beta();
            assertTrue(beta >= 1.0 / 3 && beta <= 1.0, "beta " + beta);
            double dropout = c.config().model().lfads().dropout();
            assertTrue(dropout >= 0 && dropout <= Candidate.MAX_DROPOUT, "dropout " + dropout);
            assertEquals(rate, c.settings().get("train.learning-rate"));
            // What a candidate does not draw stays the run's.
            assertEquals(40, c.config().train().epochs());
            assertEquals(16, c.config().train().batchSize());
            assertEquals(first.config().model().latentDim(), c.config().model().latentDim());
        }
        assertNotEquals(candidates.get(1).settings(), candidates.get(2).settings());
    }

    @Test
    void theSameSeedDrawsTheSameCandidatesAndAnotherOtherOnes() {
        assertEquals(Candidate.draw(resolved(), 8, 7).get(5).settings(),
                Candidate.draw(resolved(), 8, 7).get(5).settings());
        assertNotEquals(Candidate.draw(resolved(), 8, 7).get(5).settings(),
                Candidate.draw(resolved(), 8, 8).get(5).settings());
    }

    @Test
    void aCandidatesConfigurationJsonHoldsWhatItDrewInPlaceOfTheRunsSettings() {
        Candidate c = Candidate.draw(resolved(), 3, 7).get(2);
        com.fasterxml.jackson.databind.JsonNode json = org.latentspark.common.manifest.Json.parse(c.configJson(),
                "candidate");
        assertEquals(c.config().train().learningRate(), json.at("/train/learning-rate").asDouble());
        assertEquals(c.config().model().klWarmupEpochs(), json.at("/model/kl-warmup-epochs").asInt());
        assertTrue(json.at("/model/kl-warmup-epochs").isInt());
        assertEquals(c.config().model().lfads().dropout(), json.at("/model/lfads/dropout").asDouble());
        assertEquals(16, json.at("/train/batch-size").asInt(), "what it did not draw stays");
    }

    @Test
    void drawingBeforeTheTrainingSettingsAreResolvedIsAnError() {
        RunConfig auto = RunConfig.load(null, List.of("dataset.format=lorenz"));
        assertThrows(IllegalStateException.class, () -> Candidate.draw(auto, 4, 1));
    }
}
