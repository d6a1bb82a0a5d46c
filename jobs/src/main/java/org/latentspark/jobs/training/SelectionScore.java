package org.latentspark.jobs.training;

import java.io.Serializable;

/**
 * A model's own measure of a fit on validation examples, higher is better (neural: co_bps of the held-out units;
 * text: npmi of the topics' top words): what a search ranks its candidates by, and what train.keep = selection
 * keeps the epoch by.
 *
 * @param metric the evaluation table's metric name
 */
public record SelectionScore(String metric, double value) implements Serializable {
}
