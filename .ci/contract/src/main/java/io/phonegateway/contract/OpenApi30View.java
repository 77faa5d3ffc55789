package io.phonegateway.contract;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * An OpenAPI 3.1 document as openapi-diff can compare it. openapi-diff compares a schema's {@code type} as 3.0 writes
 * it, one string; the 3.1 list form ({@code type: [string, "null"]}) reaches it as no type at all, so a field that
 * changed from integer to string would pass unseen. This view writes each list as 3.0 does: the one non-null type,
 * plus {@code nullable: true} when the list allows null.
 */
final class OpenApi30View {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApi30View() {
    }

    static String of(String document) {
        try {
            JsonNode root = YAML.readTree(document);
            if (root instanceof ObjectNode object && object.path("openapi").asText().startsWith("3.1")) {
                object.put("openapi", "3.0.3");
                downgradeTypes(object);
            }
            return new ObjectMapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an OpenAPI document in YAML or JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void downgradeTypes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("type") instanceof ArrayNode types) {
                List<String> nonNull = new ArrayList<>();
                types.forEach(type -> {
                    if (!"null".equals(type.asText())) {
                        nonNull.add(type.asText());
                    }
                });
                if (nonNull.size() == 1) {
                    object.put("type", nonNull.get(0));
                }
                if (nonNull.size() < types.size()) {
                    object.put("nullable", true);
                }
            }
            object.elements().forEachRemaining(OpenApi30View::downgradeTypes);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(OpenApi30View::downgradeTypes);
        }
    }
}
