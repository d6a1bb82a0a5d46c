package org.latentspark.jobs.training;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one epoch really trained, checked after DL4J's fit returns, because DL4J returns normally when a worker
 * never joined the gradient-sharing mesh or trained nothing. An epoch fails when its parameters did not change,
 * when fewer examples were trained than were exported, or when an executor that was there for the whole epoch
 * trained none (unless the epoch had fewer minibatches than executors, or a newly joined executor took its share). An executor lost during the epoch is no
 * failure: Spark re-runs its work elsewhere, where it is counted.
 */
public record TrainingAudit(int epoch, long exported, int minibatches, Map<String, Long> trainedByExecutor) {

    public TrainingAudit {
        trainedByExecutor = new TreeMap<>(trainedByExecutor);
    }

    public long trained() {
        return trainedByExecutor.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param before         executors registered when the epoch started
     * @param after          executors registered when it ended
     * @param paramsChanged  whether any parameter differs from its value before the epoch
     * @throws TrainingIncompleteException naming the trainer, epoch and executor at fault
     */
    public void require(String trainer, Set<String> before, Set<String> after, boolean paramsChanged) {
        String where = "trainer " + trainer + ", epoch " + epoch + ": ";
        String counts = " (examples trained per executor: " + trainedByExecutor + ")";
        // Spark may hand an idle executor's share to one that joined during the epoch (a replacement for a lost one).
        boolean newcomerTrained = trainedByExecutor.keySet().stream().anyMatch(e -> !before.contains(e));
        if (minibatches >= before.size() && !newcomerTrained) {
            for (String executor : before) {
                if (after.contains(executor) && trainedByExecutor.getOrDefault(executor, 0L) == 0) {
                    throw new TrainingIncompleteException(where + "executor " + executor
                            + " trained no examples although it was up for the whole epoch" + counts);
                }
            }
        }
        if (trained() < exported) {
            throw new TrainingIncompleteException(where + "trained " + trained() + " of the " + exported
                    + " examples exported for the epoch" + counts);
        }
        if (!paramsChanged) {
            throw new TrainingIncompleteException(where + "the parameters did not change over the epoch" + counts);
        }
    }
}
