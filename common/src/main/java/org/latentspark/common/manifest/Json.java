package org.latentspark.common.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper used for manifests. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new org.latentspark.common.UserInputException(source + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static ObjectNode parseObject(String text, String source) {
        JsonNode node = parse(text, source);
        if (!(node instanceof ObjectNode)) {
            throw new org.latentspark.common.UserInputException(source + " is not a JSON object");
        }
        return (ObjectNode) node;
    }
}
