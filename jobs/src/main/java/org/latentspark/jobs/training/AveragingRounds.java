package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an epoch's parameter-averaging rounds: each round gives each of the workers a slice of minibatch files, and
 * DL4J averages the workers' parameters after the round. DL4J's own planning splits the files into rounds at random
 * and lets each worker train at most averaging-frequency minibatches of a round, silently dropping the rest (about 4%
 * of each epoch on the sprites test). Its worker also re-batches a slice's examples to batch-size. So each slice here
 * holds at most frequency × batch-size examples (DL4J then trains every one of them), never 1 more than a multiple of
 * batch-size (a one-example minibatch leaves batch normalization without a variance), slices are filled evenly so that
 * every worker gets a share even of a short epoch, and files stay in order.
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
        long total = minibatches.stream().mapToLong(MinibatchExport.Minibatch::examples).sum();
        // As few rounds as the capacity allows, and in them as many slices as workers, evenly filled: an epoch of
        // fewer than workers × frequency minibatches still gives every worker a share.
        long rounds = Math.max(1, (total + (long) workers * capacity - 1) / ((long) workers * capacity));
        long target = Math.max(1, (total + rounds * workers - 1) / (rounds * workers));
        List<List<String>> slices = new ArrayList<>();
        List<String> slice = new ArrayList<>();
        long examples = 0;
        for (int i = 0; i < minibatches.size(); i++) {
            MinibatchExport.Minibatch minibatch = minibatches.get(i);
            if (minibatch.examples() > batchSize) {
                throw new IllegalArgumentException(minibatch.path() + " holds " + minibatch.examples()
                        + " examples, more than the batch size " + batchSize);
            }
            long sum = examples + minibatch.examples();
            boolean oneOver = batchSize > 1 && sum % batchSize == 1;
            if (!slice.isEmpty() && (sum > capacity || oneOver)) {
                slices.add(slice);
                slice = new ArrayList<>();
                sum = minibatch.examples();
            }
            slice.add(minibatch.path());
            examples = sum;
            // Close at the target, or early enough that every planned slice still gets a file.
            long slicesLeft = rounds * workers - slices.size() - 1;
            if (examples >= target || minibatches.size() - i - 1 <= slicesLeft) {
                slices.add(slice);
                slice = new ArrayList<>();
                examples = 0;
            }
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        List<List<List<String>>> planned = new ArrayList<>();
        for (int i = 0; i < slices.size(); i += workers) {
            planned.add(new ArrayList<>(slices.subList(i, Math.min(slices.size(), i + workers))));
        }
        return planned;
    }
}
