package io.courier.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.MethodDescriptor;
import io.courier.protocol.json.JsonMappers;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's annotated routes as the text its registry entry carries ({@code rest.routes}), so that a
 * caller without the service's classes (the gateway) matches and converts requests by the very routes
 * the provider serves:
 *
 * <pre>
 * [{"verb": "GET", "path": "/users/{id}", "method": "get(long)",
 *   "bindings": [{"in": "path", "name": "id", "type": "long"}]},
 *  {"verb": "GET", "path": "/users", "method": "list(int,int,java.util.List)",
 *   "bindings": [..., {"in": "query", "name": "role", "type": "java.util.List&lt;x.Role&gt;",
 *                      "enum": ["ADMIN", "MEMBER"]}]},
 *  {"verb": "POST", "path": "/users", "method": "create(x.User)", "bindings": [{"in": "body"}]}]
 * </pre>
 *
 * Each binding names its {@code type} as {@link Type#getTypeName()} does, an enum's constants beside
 * it, its {@code default} if any. The default route ({@code POST /{interface}/{method}}) is not
 * published: the gateway serves it as its own. Stateless.
 */
public final class PublishedRoutes {

    /** The most bytes read: registry data is untrusted. */
    static final int MAX_BYTES = 64 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PublishedRoutes() {}

    /** The registry entry's key of the text. */
    public static final String METADATA_KEY = "rest.routes";

    /** The text of the annotated routes {@code router} has for {@code key}'s service; empty if none. */
    public static String of(RestRouter router, io.courier.api.ServiceKey key) {
        List<Route> routes = router.routesOf(key);
        return routes.stream().anyMatch(Route::annotated) ? write(routes) : "";
    }

    /** The text of {@code routes}' annotated ones. */
    static String write(List<Route> routes) {
        ArrayNode document = NODES.arrayNode();
        for (Route route : routes) {
            if (!route.annotated()) {
                continue;
            }
            ObjectNode published = document.addObject()
                    .put("verb", route.verb())
                    .put("path", route.path().toString())
                    .put("method", route.method().descriptor());
            ArrayNode bindings = published.putArray("bindings");
            for (Binding binding : route.bindings()) {
                ObjectNode node =
                        bindings.addObject().put("in", binding.source().name().toLowerCase(Locale.ROOT));
                if (binding.source() == Binding.Source.BODY) {
                    continue;
                }
                node.put("name", binding.name()).put("type", binding.type().getTypeName());
                List<String> constants = TextValues.constantsOf(binding.type());
                if (constants != null) {
                    constants.forEach(node.putArray("enum")::add);
                }
                if (binding.defaultValue() != null) {
                    node.put("default", binding.defaultValue());
                }
            }
        }
        return document.toString();
    }

    /**
     * The routes {@code text} publishes, each bound to the method of its descriptor in {@code methods}.
     *
     * @throws IllegalArgumentException if the text is not such a document within the limits, names a
     *     method {@code methods} lacks, or a template or type the mapping would refuse
     */
    static List<Route> read(String text, Map<String, MethodDescriptor> methods) {
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "rest.routes: " + text.length() + " characters (expected: at most " + MAX_BYTES + ")");
        }
        JsonNode document;
        try {
            document = JsonMappers.reading(8, MAX_BYTES).readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("rest.routes: not JSON within the limits");
        }
        if (document == null || !document.isArray()) {
            throw new IllegalArgumentException("rest.routes: not a JSON array of routes");
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode node : document) {
            MethodDescriptor method = methods.get(node.path("method").asText());
            if (method == null) {
                throw new IllegalArgumentException("rest.routes: no method "
                        + JsonMappers.printable(node.path("method").asText()));
            }
            List<Binding> bindings = new ArrayList<>();
            for (JsonNode binding : node.path("bindings")) {
                bindings.add(binding(binding));
            }
            if (bindings.size() != method.parameterCount()) {
                throw new IllegalArgumentException("rest.routes: " + method.descriptor() + " has "
                        + method.parameterCount() + " parameters, its route binds " + bindings.size());
            }
            String verb = node.path("verb").asText();
            routes.add(new Route(verb, PathTemplate.parse(node.path("path").asText()), method, bindings, true));
        }
        return List.copyOf(routes);
    }

    private static Binding binding(JsonNode node) {
        Binding.Source source;
        try {
            source = Binding.Source.valueOf(node.path("in").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rest.routes: a binding 'in' "
                    + JsonMappers.printable(node.path("in").asText()));
        }
        if (source == Binding.Source.BODY || source == Binding.Source.ARGUMENTS) {
            return new Binding(Binding.Source.BODY, "", Object.class, null);
        }
        List<String> constants = null;
        if (node.has("enum")) {
            constants = new ArrayList<>();
            for (JsonNode constant : node.get("enum")) {
                constants.add(constant.asText());
            }
        }
        Type type = TextValues.named(node.path("type").asText(), constants);
        JsonNode otherwise = node.get("default");
        return new Binding(source, node.path("name").asText(), type, otherwise == null ? null : otherwise.asText());
    }
}
