package org.latentspark.jobs.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an epoch's parameter-averaging rounds: each round gives each of the workers a slice of minibatch files, and
 * DL4J averages the workers' parameters after the round. DL4J's own planning splits the files into rounds at random
 * and lets each worker train at most averaging-frequency minibatches of a round, silently dropping the rest (about 4%
 * of each epoch on the sprites test). Its worker also re-batches a slice's examples to batch-size: a short file
 * followed by another is merged with part of it, which fails for inputs whose width varies between minibatches
 * (ProdLDA's word bags: "Cannot merge 2d arrays with different numbers of columns" on a 100,000-document corpus) and
 * copies every later minibatch of the slice. So each slice here holds at most frequency × batch-size examples (DL4J
 * then trains every one of them), at most one short file, and that one last, so that DL4J trains each file as it
 * is, one step each; slices are filled evenly so that every worker gets a share even of a short epoch, and the files
 * keep their order but for the short one.
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
        Slice slice = new Slice();
        for (int i = 0; i < minibatches.size(); i++) {
            MinibatchExport.Minibatch minibatch = minibatches.get(i);
            if (minibatch.examples() > batchSize) {
                throw new IllegalArgumentException(minibatch.path() + " holds " + minibatch.examples()
                        + " examples, more than the batch size " + batchSize);
            }
            boolean isShort = minibatch.examples() < batchSize;
            if (!slice.isEmpty() && (slice.examples + minibatch.examples() > capacity
                    || isShort && slice.shortFile != null)) {
                slices.add(slice.paths());
                slice = new Slice();
            }
            slice.add(minibatch, isShort);
            // Close at the target, or early enough that every planned slice still gets a file.
            long slicesLeft = rounds * workers - slices.size() - 1;
            if (slice.examples >= target || minibatches.size() - i - 1 <= slicesLeft) {
                slices.add(slice.paths());
                slice = new Slice();
            }
        }
        if (!slice.isEmpty()) {
            slices.add(slice.paths());
        }
        List<List<List<String>>> planned = new ArrayList<>();
        for (int i = 0; i < slices.size(); i += workers) {
            planned.add(new ArrayList<>(slices.subList(i, Math.min(slices.size(), i + workers))));
        }
        return planned;
    }

    /** A slice being filled: its full files in order, and its short file, which goes last. */
    private static final class Slice {
        private final List<String> full = new ArrayList<>();
        private String shortFile;
        private long examples;

        void add(MinibatchExport.Minibatch minibatch, boolean isShort) {
            if (isShort) {
                shortFile = minibatch.path();
            } else {
                full.add(minibatch.path());
            }
            examples += minibatch.examples();
        }

        boolean isEmpty() {
            return full.isEmpty() && shortFile == null;
        }

        List<String> paths() {
            List<String> paths = new ArrayList<>(full);
            if (shortFile != null) {
                paths.add(shortFile);
            }
            return paths;
        }
    }
}
