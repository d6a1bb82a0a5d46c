package org.latentspark.jobs.training;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Turns shard rows into what a model's graph trains on: its inputs (data and the noise ε of an epoch) and labels
 * (the observations the likelihood scores, then one column with the epoch's KL weight; see ElboLoss).
 * Serializable: it travels to the executors inside each epoch's minibatch job.
 */
public interface BatchEncoder extends Serializable {
    /** Noise stream reserved for evaluation, disjoint from every training epoch's (epochs are ≥ 0). */
    int EVALUATION_EPOCH = -1;

    MultiDataSet encode(List<Row> rows, int epoch, double klWeight);

    /** What the likelihood scores: the labels without their last (KL weight) column. */
    static INDArray observations(MultiDataSet batch) {
        INDArray labels = batch.getLabels(0);
        return labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, labels.columns() - 1));
    }
}
