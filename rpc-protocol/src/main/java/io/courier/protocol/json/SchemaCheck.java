package io.courier.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Checks a JSON value against a schema of the subset {@link JsonSchemas} writes ({@code type},
 * {@code format} int32/int64, {@code enum}, {@code items}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code $ref} into the definitions), so that a caller learns which
 * parameter and which field is wrong before anything is sent. {@code null} passes anywhere except a
 * required property: the provider, which knows primitives from boxes, refuses the rest. Stateless.
 */
public final class SchemaCheck {

    /** References followed in one check before it gives up and accepts (the provider checks again). */
    static final int MAX_REFERENCES = 256;

    private final ObjectNode definitions;
    private int references;

    private SchemaCheck(ObjectNode definitions) {
        this.definitions = definitions;
    }

    /**
     * Where and how {@code value} does not fit {@code schema}, e.g. {@code "at 'shipTo.city': expected
     * string"}, or {@code null} if it fits.
     */
    public static String mismatch(JsonNode value, JsonNode schema, ObjectNode definitions) {
        return new SchemaCheck(definitions).check(value, schema, "");
    }

    private String check(JsonNode value, JsonNode schema, String path) {
        if (value == null || value.isNull() || schema == null) {
            return null;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            if (++references > MAX_REFERENCES) {
                return null;
            }
            String target = ref.asText();
            JsonNode resolved = target.startsWith(JsonSchemas.REF_PREFIX)
                    ? definitions.get(target.substring(JsonSchemas.REF_PREFIX.length()))
                    : null;
            return check(value, resolved, path);
        }
        String type = schema.path("type").asText("");
        String problem =
                switch (type) {
                    case "integer" -> integer(value, schema.path("format").asText(""));
                    case "number" -> value.isNumber() ? null : "a number";
                    case "boolean" -> value.isBoolean() ? null : "true or false";
                    case "string" -> string(value, schema);
                    case "array" -> value.isArray() ? null : "an array";
                    case "object" -> value.isObject() ? null : "an object";
                    default -> null;
                };
        if (problem != null) {
            return at(path) + "expected " + problem;
        }
        if (value.isArray()) {
            JsonNode items = schema.get("items");
            for (int i = 0; items != null && i < value.size(); i++) {
                String inner = check(value.get(i), items, path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value.isObject() && "object".equals(type)) {
            return object(value, schema, path);
        }
        return null;
    }

    private String object(JsonNode value, JsonNode schema, String path) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String name = JsonMappers.printable(field.getKey());
            String inner = path.isEmpty() ? name : path + "." + name;
            JsonNode declared = properties.get(field.getKey());
            if (declared == null && additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return "unknown property '" + inner + "'";
            }
            String problem = check(field.getValue(), declared != null ? declared : additional, inner);
            if (problem != null) {
                return problem;
            }
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode present = value.get(required.asText());
            if (present == null || present.isNull()) {
                String name = path.isEmpty() ? required.asText() : path + "." + required.asText();
                return "missing property '" + JsonMappers.printable(name) + "'";
            }
        }
        return null;
    }

    private static String integer(JsonNode value, String format) {
        if (!value.isIntegralNumber()) {
            return "an integer";
        }
        if ("int32".equals(format) && !value.canConvertToInt()) {
            return "a 32-bit integer";
        }
        if ("int64".equals(format) && !value.canConvertToLong()) {
            return "a 64-bit integer";
        }
        return null;
    }

    private static String string(JsonNode value, JsonNode schema) {
        if (!value.isTextual()) {
            return "a string";
        }
        JsonNode values = schema.get("enum");
        if (values != null && values.isArray()) {
            for (JsonNode allowed : values) {
                if (allowed.asText().equals(value.asText())) {
                    return null;
                }
            }
            return "one of " + values;
        }
        return null;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "at '" + path + "': ";
    }
}
