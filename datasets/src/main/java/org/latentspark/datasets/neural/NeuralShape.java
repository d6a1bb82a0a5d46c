package org.latentspark.datasets.neural;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.latentspark.common.manifest.Json;

/**
 * The shape of a neural dataset's trials, as its dataset manifest records it: written by {@link NeuralSource} and
 * read by the jobs that build models and metrics for it. Its JSON keys are named here and nowhere else.
 *
 * @param trueLatentDim 0 without known latents
 */
public record NeuralShape(int bins, int forwardBins, double binMs, List<Long> heldInUnitIds,
                          List<Long> heldOutUnitIds, List<String> sessionNames, int trueLatentDim,
                          boolean hasConditions) {
    public NeuralShape {
        heldInUnitIds = List.copyOf(heldInUnitIds);
        heldOutUnitIds = List.copyOf(heldOutUnitIds);
        sessionNames = List.copyOf(sessionNames);
    }

    public int heldInUnits() {
        return heldInUnitIds.size();
    }

    public int heldOutUnits() {
        return heldOutUnitIds.size();
    }

    public ObjectNode toJson() {
        ObjectNode shape = Json.object();
        shape.put("bins", bins).put("forward_bins", forwardBins).put("bin_ms", binMs);
        shape.put("heldin_units", heldInUnits()).put("heldout_units", heldOutUnits());
        ArrayNode in = shape.putArray("heldin_unit_ids");
        heldInUnitIds.forEach(in::add);
        ArrayNode out = shape.putArray("heldout_unit_ids");
        heldOutUnitIds.forEach(out::add);
        shape.put("sessions", sessionNames.size());
        ArrayNode names = shape.putArray("session_names");
        sessionNames.forEach(names::add);
        shape.put("true_latent_dim", trueLatentDim);
        shape.put("has_conditions", hasConditions);
        return shape;
    }

    public static NeuralShape fromJson(JsonNode shape) {
        return new NeuralShape(shape.path("bins").asInt(), shape.path("forward_bins").asInt(),
                shape.path("bin_ms").asDouble(), longs(shape.path("heldin_unit_ids")),
                longs(shape.path("heldout_unit_ids")), strings(shape.path("session_names")),
                shape.path("true_latent_dim").asInt(0), shape.path("has_conditions").asBoolean(false));
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
