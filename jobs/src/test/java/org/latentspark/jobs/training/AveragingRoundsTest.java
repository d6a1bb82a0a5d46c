package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AveragingRoundsTest {
    private static List<MinibatchExport.Minibatch> files(long... sizes) {
        List<MinibatchExport.Minibatch> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(new MinibatchExport.Minibatch("f" + i, sizes[i]));
        }
        return out;
    }

    @Test
    void fullFilesFillEachWorkerWithFrequencyMinibatchesPerRound() {
        // 10 full minibatches, 2 workers, averaging every 3: rounds of slices [3, 3], [3, 1].
        List<List<List<String>>> rounds = AveragingRounds.plan(files(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), 2, 3, 4);
        assertEquals(List.of(List.of(List.of("f0", "f1", "f2"), List.of("f3", "f4", "f5")),
                List.of(List.of("f6", "f7", "f8"), List.of("f9"))), rounds);
    }

    @Test
    void aSliceHoldsOneShortFileAndThatOneLast() {
        // Batch 4, frequency 2: capacity 8 examples per slice, a target of 6. DL4J would merge a short file with the
        // next one, so each short file closes its slice, and the full file f3 goes before the short f2.
        List<List<List<String>>> rounds = AveragingRounds.plan(files(3, 3, 2, 4), 1, 2, 4);
        assertEquals(List.of(List.of(List.of("f0")), List.of(List.of("f1")), List.of(List.of("f3", "f2"))), rounds);
    }

    @Test
    void aShortEpochStillGivesEveryWorkerAShare() {
        // 2,416 examples in 5 minibatches, averaging every 20: one round, but a slice for each of the 2 workers.
        List<List<List<String>>> rounds = AveragingRounds.plan(files(512, 512, 512, 512, 368), 2, 20, 512);
        assertEquals(List.of(List.of(List.of("f0", "f1", "f2"), List.of("f3", "f4"))), rounds);
    }

    @Test
    void twoShortFilesNeverShareASlice() {
        List<List<List<String>>> rounds = AveragingRounds.plan(files(4, 2, 3), 1, 5, 4);
        assertEquals(List.of(List.of(List.of("f0", "f1")), List.of(List.of("f2"))), rounds);
    }

    /**
     * What DL4J's averaging worker trains of a slice: it re-batches the slice's examples to batch-size (a short file
     * followed by another is merged with part of it) and fits at most frequency of those minibatches. The plan must
     * leave it nothing to merge: every file but the last full, and no more files than frequency.
     */
    private static long trainedByDl4j(List<Long> sizes, int frequency, int batchSize) {
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertEquals(batchSize, sizes.get(i), "a short file before the end of a slice is merged: " + sizes);
        }
        assertTrue(sizes.size() <= frequency, "more files than DL4J fits in a round: " + sizes);
        return sizes.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyExampleIsTrainedExactlyOnceForRandomSizes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int batch = 2 + random.nextInt(40);
            int frequency = 1 + random.nextInt(6);
            int workers = 1 + random.nextInt(5);
            long[] sizes = new long[1 + random.nextInt(60)];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = random.nextInt(3) == 0 ? 2 + random.nextInt(batch - 1) : batch;
            }
            List<MinibatchExport.Minibatch> files = files(sizes);
            Map<String, Long> bySize = files.stream().collect(Collectors.toMap(MinibatchExport.Minibatch::path,
                    MinibatchExport.Minibatch::examples));
            List<List<List<String>>> rounds = AveragingRounds.plan(files, workers, frequency, batch);
            List<String> seen = new ArrayList<>();
            long trained = 0;
            for (List<List<String>> round : rounds) {
                assertTrue(round.size() <= workers, "a round has one slice per worker at most");
                assertTrue(rounds.size() > 1 || round.size() == Math.min(workers, files.size())
                        || files.stream().mapToLong(MinibatchExport.Minibatch::examples).sum() < 2L * batch,
                        "one round uses every worker that can have a minibatch: " + round);
                for (List<String> slice : round) {
                    long examples = slice.stream().mapToLong(bySize::get).sum();
                    assertTrue(examples <= (long) frequency * batch, "slice " + slice + " over capacity");
                    trained += trainedByDl4j(slice.stream().map(bySize::get).toList(), frequency, batch);
                    seen.addAll(slice);
                }
            }
            assertEquals(files.stream().map(MinibatchExport.Minibatch::path).sorted().toList(),
                    seen.stream().sorted().toList(), "every file once");
            List<String> fullInOrder = files.stream().filter(f -> f.examples() == batch)
                    .map(MinibatchExport.Minibatch::path).toList();
            assertEquals(fullInOrder, seen.stream().filter(f -> bySize.get(f) == batch).toList(),
                    "full files in order");
            assertEquals(files.stream().mapToLong(MinibatchExport.Minibatch::examples).sum(), trained);
        }
    }

    @Test
    void aMinibatchOverTheBatchSizeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> AveragingRounds.plan(files(4, 5), 1, 2, 4));
        assertTrue(e.getMessage().contains("f1 holds 5 examples"), e.getMessage());
    }
}
