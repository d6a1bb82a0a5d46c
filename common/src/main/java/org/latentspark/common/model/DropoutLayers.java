package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Dropout as a layer of its own rather than a setting of the next layer: configured on an LSTM (inside
 * LastTimeStep, LFADS's encoder until it became a GRU of ours) or on the Dense inside TimeDistributed, dropout
 * fails in backprop under DL4J's Spark trainers ("Dropout mask array is absent", DL4J 1.0.0-M2.1); a DropoutLayer
 * trains.
 */
final class DropoutLayers {
    private DropoutLayers() {
    }

    /** Adds a dropout layer after input when the rate is positive; returns the name of the vertex to read. */
    static String after(ComputationGraphConfiguration.GraphBuilder graph, String name, String input, double rate) {
        if (rate == 0) {
            return input;
        }
        // DL4J's dropout takes the probability of keeping an activation.
        graph.addLayer(name, new DropoutLayer.Builder(1 - rate).build(), input);
        return name;
    }
}
