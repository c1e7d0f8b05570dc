package io.courier.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * What every OpenAPI 3.1 document Courier writes shares (the gateway's and the REST resources'): the
 * services' {@link ServiceMetadata} schemas moved from {@code #/$defs/} to {@code #/components/schemas/},
 * and the schema of an RFC 9457 problem ({@link ProblemDetails}). Stateless.
 */
public final class OpenApiParts {

    /** The name of the problem schema among the components. */
    public static final String PROBLEM = "Problem";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEFS = "#/$defs/";
    private static final String COMPONENTS = "#/components/schemas/";

    private OpenApiParts() {}

    /** A copy of a metadata schema whose {@code #/$defs/} references point to the document's components. */
    public static JsonNode schema(JsonNode metadataSchema) {
        JsonNode copy = metadataSchema.deepCopy();
        rewrite(copy);
        return copy;
    }

    /** Adds {@code metadata}'s definitions to {@code schemas} (a document's {@code components.schemas}). */
    public static void addDefinitions(ObjectNode schemas, ServiceMetadata metadata) {
        for (Map.Entry<String, JsonNode> definition : metadata.definitions().properties()) {
            schemas.set(definition.getKey(), schema(definition.getValue()));
        }
    }

    /** Adds to {@code responses} the answer {@code status} carrying JSON of {@code schema}. */
    public static void jsonResponse(ObjectNode responses, String status, String description, JsonNode schema) {
        responses
                .putObject(status)
                .put("description", description)
                .putObject("content")
                .putObject("application/json")
                .set("schema", schema);
    }

    /** {@code {"$ref": "#/components/schemas/Problem"}}. */
    public static ObjectNode problemRef() {
        return NODES.objectNode().put("$ref", COMPONENTS + PROBLEM);
    }

    /** The schema of a problem, as {@link ProblemDetails} writes it. */
    public static ObjectNode problemSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object").put("title", "RFC 9457 problem details");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("code").put("type", "string").put("description", "Courier's error code");
        properties.putObject("exception").put("type", "string").put("description", "a business exception's class");
        properties.putObject("message").put("type", "string").put("description", "a business exception's message");
        schema.putArray("required").add("title").add("status");
        return schema;
    }

    private static void rewrite(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(DEFS)) {
                object.set("$ref", TextNode.valueOf(COMPONENTS + ref.asText().substring(DEFS.length())));
            }
            object.elements().forEachRemaining(OpenApiParts::rewrite);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(OpenApiParts::rewrite);
        }
    }
}
