package org.latentspark.datasets.images;

import java.io.Serializable;
import java.util.HashSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.latentspark.common.UserInputException;

/**
 * Applies a BadImagePolicy inside Spark tasks: throws for FAIL, or records the bad input for SKIP. Skipped
 * inputs are collected by name and counted distinct, so re-evaluating a dataset or retrying a task does not
 * count one input twice.
 */
final class BadImages implements Serializable {
    private final BadImagePolicy policy;
    private final CollectionAccumulator<String> skipped;

    BadImages(SparkSession spark, BadImagePolicy policy, String accumulatorName) {
        this.policy = policy;
        this.skipped = policy == BadImagePolicy.SKIP ? spark.sparkContext().collectionAccumulator(accumulatorName) : null;
    }

    /**
     * Handles one bad input.
     *
     * @param name    identifies the input among all of this read (a path, an id)
     * @param message the complete error message, naming the file or record
     * @throws UserInputException under FAIL
     */
    void handle(String name, String message) {
        if (policy == BadImagePolicy.FAIL) {
            throw new UserInputException(message);
        }
        skipped.add(name);
    }

    long count() {
        return skipped == null ? 0 : new HashSet<>(skipped.value()).size();
    }
}
