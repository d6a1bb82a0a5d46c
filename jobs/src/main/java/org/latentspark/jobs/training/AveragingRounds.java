package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an epoch's parameter-averaging rounds: each round gives each of the workers a slice of minibatch files, and
 * DL4J averages the workers' parameters after the round. DL4J's own planning splits the files into rounds at random
 * and lets each worker train at most averaging-frequency minibatches of a round, silently dropping the rest (about 4%
 * of each epoch on the sprites test). Its worker also re-batches a slice's examples to batch-size. So each slice here
 * holds at most frequency × batch-size examples (DL4J then trains every one of them), never 1 more than a multiple of
 * batch-size (a one-example minibatch leaves batch normalization without a variance), and files stay in order.
 */
final class AveragingRounds {
    private AveragingRounds() {
    }

    /**
     * @return rounds, each a list of at most {@code workers} slices, each a list of file paths
     */
    static List<List<List<String>>> plan(List<MinibatchExport.Minibatch> minibatches, int workers, int frequency,
                                         int batchSize) {
        long capacity = (long) frequency * batchSize;
        List<List<String>> slices = new ArrayList<>();
        List<String> slice = new ArrayList<>();
        long examples = 0;
        for (MinibatchExport.Minibatch minibatch : minibatches) {
            if (minibatch.examples() > batchSize) {
                throw new IllegalArgumentException(minibatch.path() + " holds " + minibatch.examples()
                        + " examples, more than the batch size " + batchSize);
            }
            long total = examples + minibatch.examples();
            boolean oneOver = batchSize > 1 && total % batchSize == 1;
            if (!slice.isEmpty() && (total > capacity || oneOver)) {
                slices.add(slice);
                slice = new ArrayList<>();
                total = minibatch.examples();
            }
            slice.add(minibatch.path());
            examples = total;
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        List<List<List<String>>> rounds = new ArrayList<>();
        for (int i = 0; i < slices.size(); i += workers) {
            rounds.add(new ArrayList<>(slices.subList(i, Math.min(slices.size(), i + workers))));
        }
        return rounds;
    }
}
