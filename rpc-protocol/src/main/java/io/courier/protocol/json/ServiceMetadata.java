package io.courier.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.registry.Registry;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a provider publishes about one service for callers without its classes (the gateway, generic
 * callers, documentation): every remote method, streams included, with its parameter names (compiled with {@code -parameters}, else {@code arg0, arg1, ...}), JSON
 * Schemas of parameters and result, and its flags.
 * Data, never code; at most {@link Registry#MAX_METADATA_BYTES} as JSON; identified by the SHA-256
 * of that JSON, so that two versions of an interface are two documents.
 *
 * <pre>
 * {"format": 1, "service": "io.shop.OrderService",
 *  "methods": [{"name": "place", "descriptor": "place(io.shop.Order)",
 *               "parameters": [{"name": "order", "schema": {"$ref": "#/$defs/io.shop.Order"}}],
 *               "result": {"type": "integer", "format": "int64"},    (absent for void)
 *               "async": false, "oneway": false, "idempotent": false, "deprecated": false},
 *              {"name": "chat", "descriptor": "chat(java.util.concurrent.Flow$Publisher)",
 *               "parameters": [{"name": "messages", "schema": {...the schema of one message...}}],
 *               "result": {...the schema of one message...}, ...,
 *               "serverStream": true, "streamParameter": 0}],  (both only on streams)
 *  "$defs": {"io.shop.Order": {"type": "object", "properties": {...}, "additionalProperties": false}}}
 * </pre>
 *
 * @param service the interface's fully qualified name
 * @param methods the remote methods, sorted by descriptor
 * @param definitions the named schemas the methods' schemas refer to
 * @param digest the lower-case hex SHA-256 of {@link #toJson()}
 */
public record ServiceMetadata(String service, List<MethodMetadata> methods, ObjectNode definitions, String digest) {

    /** The document format this class writes and reads. */
    public static final int FORMAT = 1;

    /** Deepest nesting read from a document; schemas of deeply nested types are references. */
    static final int MAX_DEPTH = 64;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ServiceMetadata {
        Objects.requireNonNull(service, "service");
        methods = List.copyOf(methods);
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * One method.
     *
     * @param result the result's schema, {@code null} for {@code void}; of a server or bidirectional
     *     stream, the schema of one of its messages
     * @param serverStream whether the call answers with a stream of messages (server or bidirectional
     *     stream)
     * @param streamParameter the position of the parameter that is the caller's stream of messages
     *     (client or bidirectional stream; its schema is one message's), -1 for none
     */
    public record MethodMetadata(
            String name,
            String descriptor,
            List<ParameterMetadata> parameters,
            JsonNode result,
            boolean async,
            boolean oneway,
            boolean idempotent,
            boolean deprecated,
            boolean serverStream,
            int streamParameter) {
        public MethodMetadata {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(descriptor, "descriptor");
            parameters = List.copyOf(parameters);
            if (streamParameter < -1 || streamParameter >= parameters.size()) {
                throw new IllegalArgumentException("metadata: streamParameter " + streamParameter + " of " + name
                        + " (expected: -1 or a parameter's position below " + parameters.size() + ")");
            }
        }

        /** Whether a call opens a stream (server, client or bidirectional). */
        public boolean stream() {
            return serverStream || streamParameter >= 0;
        }
    }

    /** One parameter: its name and schema. */
    public record ParameterMetadata(String name, JsonNode schema) {}

    /** The metadata of an exported service. */
    public static ServiceMetadata of(ServiceDescriptor descriptor) {
        JsonSchemas schemas = new JsonSchemas();
        List<MethodMetadata> methods = new ArrayList<>();
        for (MethodDescriptor method : descriptor.methods()) {
            Method reflective = method.method();
            List<ParameterMetadata> parameters = new ArrayList<>();
            Parameter[] declared = reflective == null ? new Parameter[0] : reflective.getParameters();
            for (int i = 0; i < method.parameterCount(); i++) {
                String name = i < declared.length && declared[i].isNamePresent() ? declared[i].getName() : "arg" + i;
                java.lang.reflect.Type type =
                        i == method.streamParameter() ? method.streamMessageType() : method.genericParameterType(i);
                parameters.add(new ParameterMetadata(name, schemas.schema(type)));
            }
            JsonNode result = method.resultType() == void.class || method.resultType() == Void.class
                    ? null
                    : schemas.schema(method.resultType());
            methods.add(new MethodMetadata(
                    method.name(),
                    method.descriptor(),
                    parameters,
                    result,
                    method.async(),
                    method.oneway(),
                    method.idempotent(),
                    reflective != null && reflective.isAnnotationPresent(Deprecated.class),
                    method.serverStream(),
                    method.streamParameter()));
        }
        ObjectNode document = document(descriptor.interfaceName(), methods, schemas.definitions());
        return new ServiceMetadata(
                descriptor.interfaceName(), methods, schemas.definitions(), digestOf(bytes(document)));
    }

    /** The document, in the compact form its digest is taken of. */
    public byte[] toJson() {
        return bytes(document(service, methods, definitions));
    }

    /**
     * Reads a document (from the registry: untrusted data), keeping only what the format defines.
     *
     * @throws IllegalArgumentException if it is too large, not JSON, too deep or not a format-1 document
     */
    public static ServiceMetadata parse(byte[] json) {
        if (json.length > Registry.MAX_METADATA_BYTES) {
            throw new IllegalArgumentException(
                    "metadata: " + json.length + " bytes (expected: at most " + Registry.MAX_METADATA_BYTES + ")");
        }
        ObjectMapper mapper = JsonMappers.reading(MAX_DEPTH, Registry.MAX_METADATA_BYTES);
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "metadata: not JSON within the limits (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null
                || root.path("format").asInt() != FORMAT
                || !root.path("service").isTextual()) {
            throw new IllegalArgumentException("metadata: not a format " + FORMAT + " document");
        }
        List<MethodMetadata> methods = new ArrayList<>();
        for (JsonNode method : root.path("methods")) {
            List<ParameterMetadata> parameters = new ArrayList<>();
            for (JsonNode parameter : method.path("parameters")) {
                parameters.add(new ParameterMetadata(text(parameter, "name"), parameter.path("schema")));
            }
            JsonNode result = method.get("result");
            methods.add(new MethodMetadata(
                    text(method, "name"),
                    text(method, "descriptor"),
                    parameters,
                    result == null || result.isNull() ? null : result,
                    method.path("async").asBoolean(),
                    method.path("oneway").asBoolean(),
                    method.path("idempotent").asBoolean(),
                    method.path("deprecated").asBoolean(),
                    method.path("serverStream").asBoolean(),
                    method.path("streamParameter").asInt(-1)));
        }
        JsonNode definitions = root.path("$defs");
        return new ServiceMetadata(
                root.get("service").asText(),
                methods,
                definitions.isObject() ? (ObjectNode) definitions : NODES.objectNode(),
                digestOf(json));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("metadata: a method or parameter without '" + field + "'");
        }
        return value.asText();
    }

    private static ObjectNode document(String service, List<MethodMetadata> methods, ObjectNode definitions) {
        ObjectNode document = NODES.objectNode().put("format", FORMAT).put("service", service);
        ArrayNode list = document.putArray("methods");
        for (MethodMetadata method : methods) {
            ObjectNode entry = list.addObject().put("name", method.name()).put("descriptor", method.descriptor());
            ArrayNode parameters = entry.putArray("parameters");
            for (ParameterMetadata parameter : method.parameters()) {
                parameters.addObject().put("name", parameter.name()).set("schema", parameter.schema());
            }
            if (method.result() != null) {
                entry.set("result", method.result());
            }
            entry.put("async", method.async())
                    .put("oneway", method.oneway())
                    .put("idempotent", method.idempotent())
                    .put("deprecated", method.deprecated());
            // only on streams, so that the documents (and digests) of services without any stay as they were
            if (method.serverStream()) {
                entry.put("serverStream", true);
            }
            if (method.streamParameter() >= 0) {
                entry.put("streamParameter", method.streamParameter());
            }
        }
        document.set("$defs", definitions);
        return document;
    }

    private static byte[] bytes(ObjectNode document) {
        try {
            return JsonMappers.writing().writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata could not be written", e);
        }
    }

    private static String digestOf(byte[] json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
