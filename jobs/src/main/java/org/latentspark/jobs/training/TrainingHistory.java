package org.latentspark.jobs.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.latentspark.common.manifest.Json;
import org.latentspark.common.schema.EvaluationSchema.Metric;

/** Per-epoch metrics as JSON, kept in checkpoints and beside the model until `evaluate` writes them to the table. */
public final class TrainingHistory {
    public static final String FILE = "training_history.json";

    private TrainingHistory() {
    }

    public static ArrayNode toJson(List<Metric> history) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Metric m : history) {
            ObjectNode o = out.addObject();
            o.put("model", m.model());
            o.put("split", m.split());
            o.put("metric", m.metric());
            if (m.dim() != null) {
                o.put("dim", m.dim());
            }
            if (m.epoch() != null) {
                o.put("epoch", m.epoch());
            }
            o.put("value", m.value());
        }
        return out;
    }

    public static List<Metric> fromJson(JsonNode array) {
        List<Metric> out = new ArrayList<>();
        for (JsonNode o : array) {
            out.add(new Metric(o.get("model").asText(), o.get("split").asText(), o.get("metric").asText(),
                    o.has("dim") ? o.get("dim").asInt() : null, o.has("epoch") ? o.get("epoch").asInt() : null,
                    o.get("value").asDouble()));
        }
        return out;
    }
}
