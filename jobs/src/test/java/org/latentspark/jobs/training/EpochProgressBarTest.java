package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EpochProgressBarTest {
    @Test
    void theLineShowsTheShareDoneTheRateAndTheTimeLeft() {
        // 18,000 of 47,769 in 7.8 s: 37.7% (9 of 24 marks), 2,307.7/s, 29,769 left take 12.9 s.
        assertEquals("epoch 3/20 [#########...............]  38% 18,000/47,769 · 2,308/s · 13 s left",
                EpochProgressBar.line("epoch 3/20", 18_000, 47_769, 7.8));
        assertEquals("epoch 1/1 [........................]   0% 0/10 · 0/s · …",
                EpochProgressBar.line("epoch 1/1", 0, 10, 0.4));
        assertEquals("epoch 1/1 [########################] 100% 10/10 · 5/s · 0 s left",
                EpochProgressBar.line("epoch 1/1", 10, 10, 2.0));
    }
}
