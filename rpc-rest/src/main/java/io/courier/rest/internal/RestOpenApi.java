package io.courier.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.ServiceDescriptor;
import io.courier.protocol.json.OpenApiParts;
import io.courier.protocol.json.ProblemDetails;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the REST resources a port serves, from the routes themselves (the same
 * {@link Route}s requests are matched by, so the document cannot drift from what is served) and the
 * services' {@link ServiceMetadata} (JSON Schemas of parameters and results): one operation per route,
 * its path, query and header parameters, its JSON body, its answer (200 with the result, 204 for
 * {@code void}) and its problems. Served at {@value #PATH} unless a route has that path. Stateless.
 */
final class RestOpenApi {

    static final String PATH = "/openapi.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> PROBLEMS = Map.of(
            "400", "A parameter or the body does not fit the method (the detail names which)",
            "404", "No such resource",
            "406", "The client does not accept JSON",
            "415", "The body is not JSON",
            "422", "The service threw a business exception (its class and message)",
            "429", "Refused by a limit",
            "503", "The provider is busy or closing",
            "504", "The call's deadline passed");

    private RestOpenApi() {}

    /** Whether {@code request} asks for the document: {@code GET} {@value #PATH}, which no route of {@code router} has. */
    static boolean asks(RestRouter router, HttpRequest request) {
        if (!request.method().name().equals("GET")) {
            return false;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        return path.equals(PATH) && router.match("GET", path).served() == null;
    }

    /** The document of {@code routes}. */
    static ObjectNode document(List<RestRouter.Served> routes) {
        ObjectNode root = NODES.objectNode().put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", "Courier REST resources")
                .put("version", "1")
                .put("description", "The JAX-RS resources of the Courier services this port serves.");
        ObjectNode paths = root.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        Map<Class<?>, ServiceMetadata> metadata = new HashMap<>();
        add(
                paths,
                schemas,
                routes,
                served -> metadata.computeIfAbsent(
                        served.route().method().method().getDeclaringClass(), RestOpenApi::metadata),
                "");
        schemas.set(OpenApiParts.PROBLEM, OpenApiParts.problemSchema());
        root.putObject("components").set("schemas", schemas);
        return root;
    }

    /**
     * Adds an operation per route to {@code paths} (none where the path already has the verb) and the
     * schemas they refer to to {@code schemas}.
     *
     * @param metadataOf the metadata of a route's service
     * @param idPrefix put before each {@code operationId}, to tell them from other operations of the
     *     same methods in one document
     */
    static void add(
            ObjectNode paths,
            ObjectNode schemas,
            List<RestRouter.Served> routes,
            java.util.function.Function<RestRouter.Served, ServiceMetadata> metadataOf,
            String idPrefix) {
        Map<ServiceMetadata, Boolean> used = new java.util.IdentityHashMap<>();
        for (RestRouter.Served served : routes) {
            Route route = served.route();
            ServiceMetadata service = metadataOf.apply(served);
            MethodMetadata method = service.methods().stream()
                    .filter(m -> m.descriptor().equals(route.method().descriptor()))
                    .findFirst()
                    .orElseThrow();
            ObjectNode pathItem = paths.has(route.path().toString())
                    ? (ObjectNode) paths.get(route.path().toString())
                    : paths.putObject(route.path().toString());
            String verb = route.verb().toLowerCase(Locale.ROOT);
            if (!pathItem.has(verb)) {
                pathItem.set(verb, operation(served, method, idPrefix));
                used.put(service, true);
            }
        }
        used.keySet().forEach(service -> OpenApiParts.addDefinitions(schemas, service));
    }

    private static ServiceMetadata metadata(Class<?> type) {
        return ServiceMetadata.of(ServiceDescriptor.of(type));
    }

    private static ObjectNode operation(RestRouter.Served served, MethodMetadata method, String idPrefix) {
        Route route = served.route();
        ObjectNode operation = NODES.objectNode();
        operation.putArray("tags").add(served.key().toString());
        operation.put(
                "operationId",
                (idPrefix + served.key().interfaceName() + "." + method.name()).replaceAll("[^A-Za-z0-9._-]", "_"));
        operation.put("summary", method.descriptor());
        if (method.deprecated()) {
            operation.put("deprecated", true);
        }
        ArrayNode parameters = NODES.arrayNode();
        for (int i = 0; i < route.bindings().size(); i++) {
            Binding binding = route.bindings().get(i);
            JsonNode schema = OpenApiParts.schema(method.parameters().get(i).schema());
            switch (binding.source()) {
                case PATH, QUERY, HEADER -> parameters.add(parameter(binding, schema));
                case BODY -> body(operation, schema);
                case ARGUMENTS -> {} // the array of every argument, below
            }
        }
        if (!route.annotated() && !method.parameters().isEmpty()) {
            ArrayNode items = NODES.arrayNode();
            method.parameters().forEach(p -> items.add(OpenApiParts.schema(p.schema())));
            body(operation, NODES.objectNode().put("type", "array").set("prefixItems", items));
        }
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        responses(operation.putObject("responses"), method.result());
        return operation;
    }

    private static ObjectNode parameter(Binding binding, JsonNode schema) {
        ObjectNode parameter = NODES.objectNode()
                .put("name", binding.name())
                .put("in", binding.source().name().toLowerCase(Locale.ROOT));
        // a path variable is always there; a missing query value or header is the default, or null
        parameter.put("required", binding.source() == Binding.Source.PATH);
        ObjectNode copy = schema.deepCopy();
        if (binding.defaultValue() != null) {
            copy.set("default", typed(binding.defaultValue(), copy.path("type").asText()));
        }
        parameter.set("schema", copy);
        return parameter;
    }

    /** A default's text as the JSON value of its schema's type (text where it does not parse). */
    private static JsonNode typed(String text, String type) {
        try {
            return switch (type) {
                case "integer" -> NODES.numberNode(Long.parseLong(text.strip()));
                case "number" -> NODES.numberNode(Double.parseDouble(text.strip()));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text.strip()));
                default -> NODES.textNode(text);
            };
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
    }

    private static void body(ObjectNode operation, JsonNode schema) {
        operation
                .putObject("requestBody")
                .put("required", true)
                .putObject("content")
                .putObject("application/json")
                .set("schema", schema);
    }

    private static void responses(ObjectNode responses, JsonNode result) {
        if (result == null) {
            responses.putObject("204").put("description", "Done; no content");
        } else {
            OpenApiParts.jsonResponse(responses, "200", "The method's result", OpenApiParts.schema(result));
        }
        PROBLEMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(problem -> responses
                .putObject(problem.getKey())
                .put("description", problem.getValue())
                .putObject("content")
                .putObject(ProblemDetails.CONTENT_TYPE)
                .set("schema", OpenApiParts.problemRef()));
    }
}
