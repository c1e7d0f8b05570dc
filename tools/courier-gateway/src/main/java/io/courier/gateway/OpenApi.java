package io.courier.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ServiceKey;
import io.courier.protocol.json.OpenApiParts;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.courier.protocol.json.ServiceMetadata.ParameterMetadata;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI 3.1 document of services, from their metadata: one {@code POST
 * /{service}/{method}} operation per method name, whose request body is an object of the parameters
 * by name (several overloads: one of those objects each), whose 200 answer is the result's schema
 * and whose errors are problem details. The metadata's {@code #/$defs/} definitions become {@code
 * #/components/schemas/}. Stateless.
 */
final class OpenApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApi() {}

    /**
     * The document of {@code services} (metadata by service key), titled {@code title}; each service's
     * tag and operations carry {@code x-courier-protocols}, the protocols its providers serve as the
     * registry lists them ({@code protocols}; omitted when it knows none), so a reader sees which
     * services a gRPC client can also call directly.
     */
    static ObjectNode document(
            String title,
            Map<ServiceKey, ServiceMetadata> services,
            java.util.function.Function<ServiceKey, List<String>> protocols) {
        ObjectNode root = NODES.objectNode().put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", title)
                .put("version", "1")
                .put(
                        "description",
                        "Courier services over HTTP: POST a JSON object of the parameters by name"
                                + " (or a JSON array by position) to /{service}/{method}.");
        ArrayNode tags = root.putArray("tags");
        ObjectNode paths = root.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        for (Map.Entry<ServiceKey, ServiceMetadata> entry : services.entrySet()) {
            String service = entry.getKey().toString();
            ServiceMetadata metadata = entry.getValue();
            ObjectNode tag = tags.addObject().put("name", service).put("description", "digest " + metadata.digest());
            List<String> served = protocols.apply(entry.getKey());
            addProtocols(tag, served);
            for (Map.Entry<String, List<MethodMetadata>> method :
                    byName(metadata).entrySet()) {
                ObjectNode operation = operation(service, method.getKey(), method.getValue());
                addProtocols(operation, served);
                paths.putObject("/" + service + "/" + method.getKey()).set("post", operation);
            }
            OpenApiParts.addDefinitions(schemas, metadata);
        }
        schemas.set(OpenApiParts.PROBLEM, OpenApiParts.problemSchema());
        root.putObject("components").set("schemas", schemas);
        return root;
    }

    /** {@code document} with the operations of the REST routes {@code rest} (those the gateway routes). */
    static ObjectNode withRest(ObjectNode document, io.courier.rest.internal.GatewayRoutes rest) {
        rest.addOpenApi((ObjectNode) document.get("paths"), (ObjectNode)
                document.get("components").get("schemas"));
        return document;
    }

    /** The answer to {@code GET /{service}/openapi.json}: the document of {@code service}, or 404. May block. */
    static FullHttpResponse serviceAnswer(ServiceCatalog catalog, String service) {
        Optional<ServiceKey> key = RequestPaths.key(service);
        Optional<ServiceMetadata> metadata = key.flatMap(catalog::metadata);
        if (metadata.isEmpty()) {
            return Responses.problem(Problems.of(HttpResponseStatus.NOT_FOUND, "no such service"));
        }
        return Responses.json(
                HttpResponseStatus.OK,
                document(key.get().toString(), Map.of(key.get(), metadata.get()), catalog::protocols)
                        .toString());
    }

    private static void addProtocols(ObjectNode node, List<String> protocols) {
        if (!protocols.isEmpty()) {
            ArrayNode list = node.putArray("x-courier-protocols");
            protocols.forEach(list::add);
        }
    }

    private static Map<String, List<MethodMetadata>> byName(ServiceMetadata metadata) {
        Map<String, List<MethodMetadata>> byName = new LinkedHashMap<>();
        for (MethodMetadata method : metadata.methods()) {
            if (method.streamParameter() >= 0) {
                continue; // the client's messages travel over a WebSocket, which OpenAPI does not describe
            }
            byName.computeIfAbsent(method.name(), name -> new ArrayList<>()).add(method);
        }
        return byName;
    }

    private static ObjectNode operation(String service, String name, List<MethodMetadata> overloads) {
        ObjectNode operation = NODES.objectNode();
        operation.putArray("tags").add(service);
        operation.put("operationId", (service + "." + name).replaceAll("[^A-Za-z0-9._-]", "_"));
        // what a page builds a call's URL from, segment by segment, instead of the path's text
        operation.put("x-courier-service", service);
        operation.put("x-courier-method", name);
        List<String> descriptors =
                overloads.stream().map(MethodMetadata::descriptor).toList();
        operation.put("summary", String.join(" | ", descriptors));
        operation.put("description", describe(overloads));
        if (overloads.stream().allMatch(MethodMetadata::deprecated)) {
            operation.put("deprecated", true);
        }
        JsonNode body;
        if (overloads.size() == 1) {
            body = parameters(overloads.get(0));
        } else {
            ArrayNode variants = NODES.arrayNode();
            overloads.forEach(method -> variants.add(parameters(method)));
            body = NODES.objectNode().set("oneOf", variants);
        }
        operation
                .putObject("requestBody")
                .put("required", true)
                .putObject("content")
                .putObject("application/json")
                .set("schema", body);
        responses(operation, overloads);
        return operation;
    }

    /** Each overload's descriptor, with what the caller should know of it, one a line. */
    private static String describe(List<MethodMetadata> overloads) {
        StringBuilder description = new StringBuilder();
        for (MethodMetadata method : overloads) {
            description.append(method.descriptor());
            if (method.idempotent()) {
                description.append(" (idempotent)");
            }
            if (method.oneway()) {
                description.append(" (oneway: answers null at once)");
            }
            if (method.async()) {
                description.append(" (asynchronous on the provider)");
            }
            description.append('\n');
        }
        return description.toString().trim();
    }

    /** The answers of {@code operation}: its result (or a server stream's messages) and its problems. */
    private static void responses(ObjectNode operation, List<MethodMetadata> overloads) {
        ObjectNode responses = operation.putObject("responses");
        JsonNode result = overloads.get(0).result();
        boolean sameResult = overloads.stream().allMatch(m -> java.util.Objects.equals(m.result(), result));
        JsonNode resultSchema = !sameResult
                ? NODES.objectNode()
                : result == null ? NODES.objectNode().put("type", "null") : rewriteRefs(result);
        if (overloads.stream().anyMatch(MethodMetadata::serverStream)) {
            // a server stream: its messages, as events or lines (chosen by Accept)
            ObjectNode content = responses
                    .putObject("200")
                    .put("description", "The stream's messages, one per event or line, until it ends")
                    .putObject("content");
            content.putObject(StreamCalls.SSE).putObject("schema").put("type", "string");
            content.putObject(StreamCalls.NDJSON).putObject("schema").put("type", "string");
            operation.put("x-courier-stream", "server");
            operation.set("x-courier-message", resultSchema);
        } else {
            OpenApiParts.jsonResponse(responses, "200", "The method's result", resultSchema);
        }
        for (String status : List.of("400", "401", "404", "413", "422", "429", "503", "504")) {
            responses
                    .putObject(status)
                    .put("description", description(status))
                    .putObject("content")
                    .putObject(Problems.CONTENT_TYPE)
                    .set("schema", OpenApiParts.problemRef());
        }
    }

    private static ObjectNode parameters(MethodMetadata method) {
        ObjectNode schema = NODES.objectNode().put("type", "object").put("title", method.descriptor());
        ObjectNode properties = schema.putObject("properties");
        for (ParameterMetadata parameter : method.parameters()) {
            properties.set(parameter.name(), rewriteRefs(parameter.schema()));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static String description(String status) {
        return switch (status) {
            case "400" -> "Malformed JSON, or arguments that do not fit the parameters";
            case "401" -> "The gateway's token is missing or wrong";
            case "404" -> "No such service or method";
            case "413" -> "The body is over the gateway's limit";
            case "422" -> "The service threw a business exception (its class and message)";
            case "429" -> "Rate limited";
            case "503" -> "No provider available";
            default -> "The provider did not answer in time";
        };
    }

    private static JsonNode rewriteRefs(JsonNode schema) {
        return OpenApiParts.schema(schema);
    }
}
