package io.courier.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.Internal;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes of services as their providers publish them ({@link PublishedRoutes}), for the
 * gateway, which has the services' metadata but not their classes: it matches a request and refuses it
 * by the provider port's own rules ({@code RestRequests.route}: 404, 405, 415, 406, 400), converts
 * its path, query and header values as the provider does ({@code RestArguments}), and calls the
 * method with the JSON array of its arguments. Immutable; thread-safe.
 */
@Internal
public final class GatewayRoutes {

    private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);

    /** The registry entry's key that carries a service's routes. */
    public static final String METADATA_KEY = PublishedRoutes.METADATA_KEY;

    /** No routes. */
    public static final GatewayRoutes NONE = new GatewayRoutes(new RestRouter(), Map.of());

    private final RestRouter router;
    private final Map<ServiceKey, ServiceMetadata> metadata;

    private GatewayRoutes(RestRouter router, Map<ServiceKey, ServiceMetadata> metadata) {
        this.router = router;
        this.metadata = Map.copyOf(metadata);
    }

    /** A service as the registry describes it: its metadata and the text of its routes. */
    public record Published(ServiceKey key, ServiceMetadata metadata, String routes) {}

    /**
     * The routes of {@code services}. A service whose text is broken, names methods its metadata lacks,
     * or has a route another service has is left out (logged); a method whose name is overloaded keeps
     * its routes at the provider's port only, since the gateway calls methods by name.
     */
    public static GatewayRoutes of(List<Published> services) {
        RestRouter router = new RestRouter();
        Map<ServiceKey, ServiceMetadata> kept = new HashMap<>();
        for (Published service : services) {
            try {
                router.add(service.key(), PublishedRoutes.read(service.routes(), methods(service.metadata())));
                kept.put(service.key(), service.metadata());
            } catch (IllegalArgumentException e) {
                log.warn("The REST routes of {} are not routed by the gateway: {}", service.key(), e.getMessage());
            }
        }
        return new GatewayRoutes(router, kept);
    }

    /** The generic descriptors of the methods whose name is not overloaded, by descriptor. */
    private static Map<String, MethodDescriptor> methods(ServiceMetadata metadata) {
        Map<String, Integer> names = new HashMap<>();
        metadata.methods().forEach(m -> names.merge(m.name(), 1, Integer::sum));
        Map<String, MethodDescriptor> byDescriptor = new HashMap<>();
        for (int i = 0; i < metadata.methods().size(); i++) {
            MethodMetadata method = metadata.methods().get(i);
            if (names.get(method.name()) == 1 && !method.stream()) {
                byDescriptor.put(
                        method.descriptor(),
                        MethodDescriptor.generic(
                                i,
                                method.descriptor(),
                                method.parameters().size(),
                                JsonNode.class,
                                new MethodDescriptor.Flags(
                                        method.async(), method.oneway(), method.idempotent(), false, -1)));
            }
        }
        return byDescriptor;
    }

    /** Whether no service has routes. */
    public boolean isEmpty() {
        return router.routes().isEmpty();
    }

    /** Whether a route has {@code rawPath} (without its query), for {@code verb} or for another verb. */
    public boolean hasPath(String verb, String rawPath) {
        try {
            RestRouter.Match match = router.match(verb, rawPath);
            return !match.notFound();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What a request is: a refusal ({@link Request#refusal}) or a call of {@link Request#method} of
     * {@link Request#key} with {@link Request#arguments}.
     *
     * @param headers a header's values by name
     * @throws RpcException {@code BAD_REQUEST}, nothing called, when a path, query or header value does not
     *     convert (the same words as at the provider's port)
     */
    public Request accept(String verb, String uri, Function<String, List<String>> headers, byte[] body) {
        RestRequests.Routed routed;
        try {
            routed = RestRequests.route(
                    router, verb, uri, first(headers.apply("content-type")), headers.apply("accept"), body.length > 0);
        } catch (RestRequests.Refusal refusal) {
            return new Request(null, null, null, new Refusal(refusal.status(), refusal.getMessage(), refusal.allow()));
        }
        Route route = routed.served().route();
        byte[] arguments = RestArguments.json(route, routed.pathValues(), routed.query(), headers, body);
        return new Request(routed.served().key(), route.method().name(), arguments, null);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A request routed: a call, or its refusal before any.
     *
     * @param arguments the JSON array of the arguments
     * @param refusal why not, or {@code null}
     */
    public record Request(ServiceKey key, String method, byte[] arguments, Refusal refusal) {}

    /**
     * A request refused before any call: its status, problem detail and, for 405, {@code Allow}. An
     * argument that does not convert is an {@link RpcException} instead, as at the provider's port.
     */
    public record Refusal(int status, String detail, String allow) {}

    /**
     * Adds the REST operations to an OpenAPI document's {@code paths} (none where the gateway's own
     * route has the path and verb) and their schemas to {@code schemas}; their {@code operationId}s
     * start with {@code rest.}.
     */
    public void addOpenApi(ObjectNode paths, ObjectNode schemas) {
        RestOpenApi.add(paths, schemas, router.routes(), served -> metadata.get(served.key()), "rest.");
    }
}
