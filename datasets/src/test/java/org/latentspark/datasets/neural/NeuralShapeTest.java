package org.latentspark.datasets.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latentspark.common.manifest.Json;

class NeuralShapeTest {
    @Test
    void theManifestsShapeReadsBackAsWritten() {
        NeuralShape shape = new NeuralShape(40, 10, 10.0, List.of(11L, 5L), List.of(42L), List.of("a", "b"), 3, true);
        assertEquals("{\"bins\":40,\"forward_bins\":10,\"bin_ms\":10.0,\"heldin_units\":2,\"heldout_units\":1,"
                + "\"heldin_unit_ids\":[11,5],\"heldout_unit_ids\":[42],\"sessions\":2,\"session_names\":[\"a\",\"b\"],"
                + "\"true_latent_dim\":3,\"has_conditions\":true}", shape.toJson().toString());
        assertEquals(shape, NeuralShape.fromJson(Json.parse(Json.write(shape.toJson()), "shape")));
    }
}
