package io.courier.registry.etcd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.Endpoint;
import io.courier.api.Internal;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A provider key's value: one {@link ServiceInstance} as the JSON object the ZooKeeper registry
 * writes in its provider nodes, format 1 ({@code docs/registry.md}, "Node data"), so that tools read
 * both registries alike:
 *
 * <pre>
 * {"format": 1, "serviceKey": "g/a.B:1.0", "endpoint": "10.0.0.1:20880", "application": "shop",
 *  "weight": 100, "tags": ["canary"], "startedAtMillis": 1700000000000, "warmupMillis": 60000,
 *  "serializers": ["protostuff"], "methods": ["find(J)"], "protocolVersion": 1, "metadata": {}}
 * </pre>
 *
 * Written here with Jackson rather than through the ZooKeeper registry's codec, which is internal to
 * that module. Readers ignore fields they do not know; tags and metadata keys are written sorted, so
 * equal instances give identical bytes.
 */
@Internal
public final class InstanceJson {

    /** The format this codec writes and the only one it reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstanceJson() {}

    public static byte[] encode(ServiceInstance instance) {
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("serviceKey", instance.serviceKey().toString())
                .put("endpoint", instance.endpoint().toString())
                .put("application", instance.application())
                .put("weight", instance.weight());
        strings(node.putArray("tags"), new TreeSet<>(instance.tags()));
        node.put("startedAtMillis", instance.startedAtMillis()).put("warmupMillis", instance.warmupMillis());
        strings(node.putArray("serializers"), instance.serializers());
        strings(node.putArray("methods"), instance.methods());
        node.put("protocolVersion", instance.protocolVersion());
        ObjectNode metadata = node.putObject("metadata");
        new TreeMap<>(instance.metadata()).forEach(metadata::put);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers did not serialize", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the field if {@code data} is not a valid format-1
     *     instance
     */
    public static ServiceInstance decode(byte[] data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("instance: not JSON (" + e.getMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("instance: not a JSON object");
        }
        if (node.path("format").asInt(-1) != FORMAT || !node.path("format").isIntegralNumber()) {
            throw new IllegalArgumentException(
                    "instance.format: " + node.get("format") + " (expected: " + FORMAT + ")");
        }
        ServiceInstance.Builder builder = ServiceInstance.builder(
                ServiceKey.parse(text(node, "serviceKey")), Endpoint.parse(text(node, "endpoint")));
        if (node.has("application")) {
            builder.application(text(node, "application"));
        }
        if (node.has("weight")) {
            builder.weight((int) number(node, "weight"));
        }
        if (node.has("startedAtMillis")) {
            builder.startedAtMillis(number(node, "startedAtMillis"));
        }
        if (node.has("warmupMillis")) {
            builder.warmupMillis(number(node, "warmupMillis"));
        }
        if (node.has("protocolVersion")) {
            builder.protocolVersion((int) number(node, "protocolVersion"));
        }
        return builder.tags(new TreeSet<>(strings(node, "tags")))
                .serializers(strings(node, "serializers"))
                .methods(strings(node, "methods"))
                .metadata(metadata(node))
                .build();
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("instance." + field + ": " + value + " (expected: a string)");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("instance." + field + ": " + value + " (expected: an integer)");
        }
        return value.longValue();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("instance." + field + ": " + value + " (expected: an array of strings)");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException(
                        "instance." + field + ": " + value + " (expected: an array of strings)");
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    private static Map<String, String> metadata(JsonNode node) {
        JsonNode value = node.get("metadata");
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("instance.metadata: " + value + " (expected: an object of strings)");
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw new IllegalArgumentException(
                        "instance.metadata." + entry.getKey() + ": " + entry.getValue() + " (expected: a scalar)");
            }
            metadata.put(entry.getKey(), entry.getValue().asText());
        }
        return metadata;
    }
}
