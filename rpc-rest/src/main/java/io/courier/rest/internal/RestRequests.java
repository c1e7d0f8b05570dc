package io.courier.rest.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.protocol.json.JsonMappers;
import io.courier.transport.PortConnection;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns a REST request into a call of the service its route names, checking first what needs no
 * work, in the order of the statuses: the route (404, or 405 naming the verbs the path has), the
 * service still served (404), the body's media type (415) and what the caller accepts (406). The
 * arguments are converted later, on the provider path, where a failure ends the call unrun (400).
 */
final class RestRequests {

    /** The header whose whole milliseconds bound the call, as a Courier caller's deadline does. */
    static final String TIMEOUT_HEADER = "X-Courier-Timeout-Millis";

    private final RestRouter router;

    RestRequests(RestRouter router) {
        this.router = router;
    }

    /** A request refused before any call, with its answer. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String allow;

        Refusal(int status, String detail, String allow) {
            super(detail, null, false, false);
            this.status = status;
            this.allow = allow;
        }

        int status() {
            return status;
        }

        /** The verbs the path has, for {@code Allow}; {@code null} unless 405. */
        String allow() {
            return allow;
        }

        FullHttpResponse response(ByteBufAllocator alloc) {
            FullHttpResponse response = RestResponses.problem(status, getMessage(), alloc);
            if (allow != null) {
                response.headers().set(HttpHeaderNames.ALLOW, allow);
            }
            return response;
        }
    }

    /** A request accepted for its service's method: {@link #invocation} reads its arguments. */
    record Call(
            ServiceExport service,
            Route route,
            Map<String, String> pathValues,
            Map<String, List<String>> query,
            HttpHeaders headers,
            byte[] body) {

        MethodDescriptor method() {
            return route.method();
        }

        /** The invocation, its arguments converted; {@code BAD_REQUEST} naming the parameter if one does not. */
        Invocation invocation() {
            Object[] arguments = RestArguments.of(route, pathValues, query, headers::getAll, body, service.policy());
            Invocation invocation =
                    Invocation.of(service.key(), route.method(), arguments).withAttachments(attachments(headers));
            String timeout = headers.get(TIMEOUT_HEADER);
            if (timeout != null) {
                long millis;
                try {
                    millis = Long.parseLong(timeout.strip());
                } catch (NumberFormatException e) {
                    millis = -1;
                }
                if (millis <= 0) {
                    throw new RpcException(
                            ErrorCode.BAD_REQUEST,
                            true,
                            "header '" + TIMEOUT_HEADER + "': '" + JsonMappers.printable(timeout)
                                    + "' (expected: a positive whole number of milliseconds)",
                            null);
                }
                invocation = invocation.withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
            }
            return invocation;
        }
    }

    Call accept(PortConnection connection, FullHttpRequest request) throws Refusal {
        HttpHeaders headers = request.headers();
        Routed routed = route(
                router,
                request.method().name(),
                request.uri(),
                headers.get(HttpHeaderNames.CONTENT_TYPE),
                headers.getAll(HttpHeaderNames.ACCEPT),
                request.content().isReadable());
        ServiceExport service = connection.services().find(routed.served().key().toString());
        if (service == null) {
            throw new Refusal(404, "no such service: " + routed.served().key(), null);
        }
        return new Call(
                service,
                routed.served().route(),
                routed.pathValues(),
                routed.query(),
                headers.copy(),
                ByteBufUtil.getBytes(request.content()));
    }

    /** A request's route, its path values and its query, past the checks that need no work. */
    record Routed(RestRouter.Served served, Map<String, String> pathValues, Map<String, List<String>> query) {}

    /**
     * The route of a request, checked in the order of the statuses: the route (404, or 405 naming the
     * verbs the path has), the body's media type (415), what the caller accepts (406), the query (400).
     * The provider's port and the gateway decide by this one method.
     *
     * @param uri the request target, path and query
     * @param contentType the {@code Content-Type}, or {@code null}
     * @param accept the {@code Accept} headers
     */
    static Routed route(
            RestRouter router, String verb, String uri, String contentType, List<String> accept, boolean hasBody)
            throws Refusal {
        QueryStringDecoder target = new QueryStringDecoder(uri);
        RestRouter.Match match;
        try {
            match = router.match(verb, target.rawPath());
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "the path's percent-encoding is broken", null);
        }
        if (match.served() == null) {
            if (match.notFound()) {
                throw new Refusal(404, "no route " + verb + " " + JsonMappers.printable(target.rawPath()), null);
            }
            String allow = String.join(", ", match.allowed());
            throw new Refusal(
                    405, verb + " " + JsonMappers.printable(target.rawPath()) + " (expected: " + allow + ")", allow);
        }
        Route route = match.served().route();
        if ((hasBody || route.readsBody()) && !json(contentType, hasBody)) {
            throw new Refusal(415, route + " reads application/json (Content-Type)", null);
        }
        if (!accepts(accept)) {
            throw new Refusal(406, route + " answers application/json (Accept)", null);
        }
        try {
            return new Routed(match.served(), match.pathValues(), target.parameters());
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "the query's percent-encoding is broken", null);
        }
    }

    /** Whether the content type is JSON; a request without a body need not name one. */
    private static boolean json(String contentType, boolean hasBody) {
        if (contentType == null) {
            return !hasBody;
        }
        String bare = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return bare.equals("application/json") || (bare.startsWith("application/") && bare.endsWith("+json"));
    }

    private static boolean accepts(List<String> accept) {
        if (accept.isEmpty()) {
            return true;
        }
        for (String header : accept) {
            for (String range : header.split(",")) {
                String bare = range.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (bare.equals("*/*")
                        || bare.equals("application/*")
                        || bare.equals("application/json")
                        || bare.equals("application/problem+json")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The call's attachments from its headers, as the gateway carries them: W3C {@code traceparent} and
     * {@code tracestate}, {@code Authorization: Bearer} for the {@code jwt} filter, {@code
     * X-Courier-Token} as {@code courier.token} and {@code X-Courier-Tag} as the routing tag.
     */
    static Map<String, String> attachments(HttpHeaders headers) {
        Map<String, String> attachments = new HashMap<>(4);
        copy(headers, "traceparent", "traceparent", attachments);
        copy(headers, "tracestate", "tracestate", attachments);
        copy(headers, "X-Courier-Token", "courier.token", attachments);
        copy(headers, "X-Courier-Tag", RpcContext.TAG, attachments);
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            attachments.put("authorization", "Bearer " + authorization.substring(7));
        }
        return attachments;
    }

    private static void copy(HttpHeaders headers, String header, String attachment, Map<String, String> into) {
        String value = headers.get(header);
        if (value != null && !value.isEmpty()) {
            into.put(attachment, value);
        }
    }
}
