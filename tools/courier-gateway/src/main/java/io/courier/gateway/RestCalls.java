package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.gateway.Problems.Problem;
import io.courier.rest.internal.GatewayRoutes;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * REST paths of the services whose providers publish JAX-RS routes ({@code GET /users/42}), routed by
 * those routes ({@link GatewayRoutes}: the provider port's own matching, refusals and conversions) and
 * called on the gateway's call path ({@link UnaryCalls#invoke}: the generic caller's balancing, retries,
 * breakers and deadlines), so that a request answers as at the provider's port. What wins where a REST
 * path and the gateway's own routes meet is {@link #claims}. Shared by every channel; thread-safe.
 */
final class RestCalls {

    /** The verbs the gateway has no routes of its own for: REST's, whatever the path. */
    private static final Set<HttpMethod> REST_ONLY = Set.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

    private final GatewayOptions options;
    private final ServiceCatalog catalog;
    private final UnaryCalls unaryCalls;
    private final BiConsumer<Exchange, FullHttpResponse> respond;
    private final BiConsumer<Exchange, Runnable> offload;

    RestCalls(
            GatewayOptions options,
            ServiceCatalog catalog,
            UnaryCalls unaryCalls,
            BiConsumer<Exchange, FullHttpResponse> respond,
            BiConsumer<Exchange, Runnable> offload) {
        this.options = options;
        this.catalog = catalog;
        this.unaryCalls = unaryCalls;
        this.respond = respond;
        this.offload = offload;
    }

    /**
     * Whether a request is REST's rather than the gateway's own: every {@code PUT}, {@code DELETE} and
     * {@code PATCH}; a {@code GET} or {@code POST} whose path a REST route has (for any verb), unless the
     * path is {@code /{service}/{method}} of a service the gateway knows, which stays the gateway's call
     * or stream. The gateway's pages ({@code /docs}, {@code /metrics}, the OpenAPI documents) are decided
     * before. Never blocks: the routes of the last read of the registry.
     */
    boolean claims(HttpMethod verb, String rawPath) {
        if (REST_ONLY.contains(verb)) {
            return true;
        }
        GatewayRoutes routes = catalog.restAtHand();
        if (routes == null || routes.isEmpty() || !routes.hasPath(verb.name(), rawPath)) {
            return false;
        }
        Optional<ServiceKey> own = RequestPaths.serviceOf(rawPath);
        return own.isEmpty() || !catalog.knownAtHand(own.get());
    }

    /** Serves a request {@link #claims} gave to REST, past the gateway's admission. */
    void call(Exchange exchange, FullHttpRequest request) {
        HttpHeaders headers = request.headers().copy();
        byte[] body = ByteBufUtil.getBytes(request.content());
        String verb = request.method().name();
        String uri = request.uri();
        GatewayRoutes routes = catalog.restAtHand();
        if (routes != null) {
            route(exchange, routes, verb, uri, headers, body);
        } else {
            // the registry not read yet: read it off the IO thread, once
            offload.accept(exchange, () -> route(exchange, catalog.rest(), verb, uri, headers, body));
        }
    }

    private void route(
            Exchange exchange, GatewayRoutes routes, String verb, String uri, HttpHeaders headers, byte[] body) {
        GatewayRoutes.Request request;
        try {
            request = routes.accept(verb, uri, headers::getAll, body);
        } catch (RpcException e) {
            answer(exchange, Problems.ofFailure(e));
            return;
        }
        if (request.refusal() != null) {
            GatewayRoutes.Refusal refusal = request.refusal();
            FullHttpResponse response =
                    Responses.problem(Problems.of(HttpResponseStatus.valueOf(refusal.status()), refusal.detail()));
            if (refusal.allow() != null) {
                response.headers().set(HttpHeaderNames.ALLOW, refusal.allow());
            }
            respond.accept(exchange, response);
            return;
        }
        Map<String, String> attachments =
                CallAttachments.of(headers::get, options.token().isEmpty());
        ServiceCatalog.Methods ready = catalog.ready(request.key(), request.method());
        if (ready != null) {
            unaryCalls.invoke(exchange, ready.caller(), request.method(), request.arguments(), attachments, true);
            return;
        }
        offload.accept(exchange, () -> {
            Optional<GenericService> caller = catalog.caller(request.key());
            if (caller.isEmpty()) {
                answer(exchange, Problems.noSuchService(request.key()));
            } else {
                unaryCalls.invoke(exchange, caller.get(), request.method(), request.arguments(), attachments, true);
            }
        });
    }

    private void answer(Exchange exchange, Problem problem) {
        respond.accept(exchange, Responses.problem(problem));
    }
}
