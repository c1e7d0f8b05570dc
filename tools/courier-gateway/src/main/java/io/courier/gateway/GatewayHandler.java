package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.RpcContext;
import io.courier.api.ServiceKey;
import io.courier.gateway.Problems.Problem;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.security.BearerTokens;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one complete request: {@code POST /{service}/{method}} calls the service; {@code GET
 * /openapi.json}, {@code GET /{service}/openapi.json}, {@code GET /docs} and {@code GET /metrics}
 * describe. Checks run before any work, cheapest first: token, rate limit, content type, path;
 * then, off the IO thread (the registry may be read), the service and method are looked up and the
 * call is made. Shared by every channel; thread-safe.
 */
@ChannelHandler.Sharable
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger accessLog = LoggerFactory.getLogger("io.courier.gateway.access");

    /** The HTTP header whose value travels as the call's {@code courier.token} attachment. */
    static final String TOKEN_HEADER = "X-Courier-Token";

    /** The HTTP header whose value travels as the call's routing tag. */
    static final String TAG_HEADER = "X-Courier-Tag";

    private final GatewayOptions options;
    private final ServiceCatalog catalog;
    private final Executor lookups;
    private final RateLimiter limiter;
    private final GatewayMetrics metrics;
    private final byte[] expectedToken;

    GatewayHandler(
            GatewayOptions options,
            ServiceCatalog catalog,
            Executor lookups,
            RateLimiter limiter,
            GatewayMetrics metrics) {
        this.options = options;
        this.catalog = catalog;
        this.lookups = lookups;
        this.limiter = limiter;
        this.metrics = metrics;
        this.expectedToken = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Channel connection =
                ctx.channel().parent() == null ? ctx.channel() : ctx.channel().parent();
        RequestDeadline deadline = connection.pipeline().get(RequestDeadline.class);
        if (deadline != null) {
            deadline.disarm();
        }
        Exchange exchange = new Exchange(
                ctx,
                request.method(),
                request.uri(),
                HttpUtil.isKeepAlive(request),
                request.headers().get(HttpHeaderNames.ORIGIN),
                System.nanoTime());
        if (!request.decoderResult().isSuccess()) {
            answer(exchange, Problems.of(HttpResponseStatus.BAD_REQUEST, "the request is not valid HTTP/1.1"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        if (HttpMethod.OPTIONS.equals(method) && !options.corsOrigins().isEmpty()) {
            preflight(exchange);
        } else if (HttpMethod.GET.equals(method)) {
            get(exchange, path);
        } else if (HttpMethod.POST.equals(method)) {
            // the raw path: its last '/' splits service from method before either is decoded, once
            post(exchange, uri.rawPath(), request);
        } else {
            answer(exchange, Problems.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST to call, GET to read"));
        }
    }

    private void get(Exchange exchange, String path) {
        switch (path) {
            case "/docs", "/docs/" ->
                respond(exchange, Responses.of(HttpResponseStatus.OK, "text/html; charset=utf-8", DocsPage.html()));
            case "/metrics" ->
                respond(
                        exchange,
                        Responses.json(HttpResponseStatus.OK, metrics.toJson().toString()));
            case "/openapi.json" ->
                offload(
                        exchange,
                        () -> respond(
                                exchange,
                                Responses.json(
                                        HttpResponseStatus.OK,
                                        OpenApi.document("Courier gateway", catalog.all(), catalog::protocols)
                                                .toString())));
            default -> {
                if (path.endsWith("/openapi.json")) {
                    String service = path.substring(1, path.length() - "/openapi.json".length());
                    offload(exchange, () -> serviceDocument(exchange, service));
                } else {
                    answer(exchange, Problems.of(HttpResponseStatus.NOT_FOUND, "no such page"));
                }
            }
        }
    }

    private void serviceDocument(Exchange exchange, String service) {
        Optional<ServiceKey> key = key(service);
        Optional<ServiceMetadata> metadata = key.flatMap(catalog::metadata);
        if (metadata.isEmpty()) {
            answer(exchange, Problems.of(HttpResponseStatus.NOT_FOUND, "no such service"));
            return;
        }
        respond(
                exchange,
                Responses.json(
                        HttpResponseStatus.OK,
                        OpenApi.document(key.get().toString(), Map.of(key.get(), metadata.get()), catalog::protocols)
                                .toString()));
    }

    private void post(Exchange exchange, String rawPath, FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        if (!options.token().isEmpty() && !tokenMatches(headers.get(HttpHeaderNames.AUTHORIZATION))) {
            FullHttpResponse refused = Responses.problem(Problems.of(
                    HttpResponseStatus.UNAUTHORIZED, "expected: Authorization: Bearer <the gateway's token>"));
            // RFC 9110 section 11.6.1: a 401 names the scheme the client should use
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"courier-gateway\"");
            respond(exchange, refused);
            return;
        }
        long retryAfter = limiter.tryAcquire(client(exchange));
        if (retryAfter > 0) {
            FullHttpResponse limited = Responses.problem(Problems.of(
                    HttpResponseStatus.TOO_MANY_REQUESTS, "this client's rate limit at the gateway is reached"));
            limited.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
            respond(exchange, limited);
            return;
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // also what keeps a page of another origin from posting a plain form here (no CSRF)
            answer(
                    exchange,
                    Problems.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "expected: Content-Type: application/json"));
            return;
        }
        int slash = rawPath.lastIndexOf('/');
        Optional<ServiceKey> key = slash > 1 ? key(rawPath.substring(1, slash)) : Optional.empty();
        String method = slash > 1 ? decode(rawPath.substring(slash + 1)) : "";
        if (key.isEmpty() || method.isEmpty()) {
            answer(exchange, Problems.of(HttpResponseStatus.NOT_FOUND, "expected: POST /{service}/{method}"));
            return;
        }
        String body = request.content().toString(StandardCharsets.UTF_8);
        Map<String, String> attachments = attachments(headers);
        offload(exchange, () -> call(exchange, key.get(), method, body, attachments));
    }

    private void call(Exchange exchange, ServiceKey key, String method, String body, Map<String, String> attachments) {
        Optional<GenericService> caller = catalog.caller(key);
        if (caller.isEmpty()) {
            answer(
                    exchange,
                    Problems.of(
                            HttpResponseStatus.NOT_FOUND, "no such service: " + JsonMappers.printable(key.toString())));
            return;
        }
        boolean known = catalog.metadata(key)
                .map(metadata ->
                        metadata.methods().stream().anyMatch(m -> m.name().equals(method)))
                .orElse(true);
        if (!known) {
            answer(
                    exchange,
                    Problems.of(
                            HttpResponseStatus.NOT_FOUND,
                            "no such method of " + key + ": " + JsonMappers.printable(method)));
            return;
        }
        long started = System.nanoTime();
        caller.get().invoke(method, body, attachments).whenComplete((result, failure) -> {
            metrics.called(System.nanoTime() - started);
            if (failure != null) {
                answer(exchange, Problems.ofFailure(failure));
            } else {
                respond(exchange, Responses.json(HttpResponseStatus.OK, result));
            }
        });
    }

    private Map<String, String> attachments(HttpHeaders headers) {
        Map<String, String> attachments = new HashMap<>(4);
        if (options.token().isEmpty()) {
            forwardBearer(headers.get(HttpHeaderNames.AUTHORIZATION), attachments);
        }
        copy(headers, "traceparent", "traceparent", attachments);
        copy(headers, "tracestate", "tracestate", attachments);
        copy(headers, TOKEN_HEADER, "courier.token", attachments);
        copy(headers, TAG_HEADER, RpcContext.TAG, attachments);
        return attachments;
    }

    /**
     * Without a gateway token of its own, the caller's {@code Authorization: Bearer <token>} travels
     * as the call's {@value BearerTokens#ATTACHMENT} attachment: the provider's {@code jwt} filter
     * verifies it and the caller's identity reaches the service. Other schemes are not forwarded.
     */
    private static void forwardBearer(String authorization, Map<String, String> into) {
        if (authorization != null
                && authorization.regionMatches(true, 0, BearerTokens.SCHEME, 0, BearerTokens.SCHEME.length())) {
            into.put(
                    BearerTokens.ATTACHMENT,
                    BearerTokens.SCHEME + authorization.substring(BearerTokens.SCHEME.length()));
        }
    }

    private static void copy(HttpHeaders headers, String header, String attachment, Map<String, String> into) {
        String value = headers.get(header);
        if (value != null && !value.isEmpty()) {
            into.put(attachment, value);
        }
    }

    private boolean tokenMatches(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expectedToken);
    }

    /** Whom the rate limit counts a request against: the client's address. */
    private static String client(Exchange exchange) {
        return exchange.ctx().channel().remoteAddress() instanceof java.net.InetSocketAddress address
                ? address.getAddress().getHostAddress()
                : String.valueOf(exchange.ctx().channel().remoteAddress());
    }

    /** The service key of a raw (still percent-encoded) path segment, decoded once. */
    private static Optional<ServiceKey> key(String raw) {
        try {
            String decoded = QueryStringDecoder.decodeComponent(raw);
            return decoded.isEmpty() ? Optional.empty() : Optional.of(ServiceKey.parse(decoded));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A raw path segment decoded once; empty when it is not valid percent-encoding. */
    private static String decode(String raw) {
        try {
            return QueryStringDecoder.decodeComponent(raw);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void preflight(Exchange exchange) {
        FullHttpResponse response = Responses.of(HttpResponseStatus.NO_CONTENT, "text/plain", new byte[0]);
        response.headers()
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST")
                .set(
                        HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Content-Type, Authorization, traceparent, tracestate, " + TOKEN_HEADER + ", " + TAG_HEADER)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        respond(exchange, response);
    }

    private void offload(Exchange exchange, Runnable work) {
        try {
            lookups.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(GatewayHandler.class).warn("Request {} failed", exchange.uri(), e);
                    answer(exchange, Problems.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the gateway failed"));
                }
            });
        } catch (RejectedExecutionException e) {
            answer(exchange, Problems.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "the gateway is busy"));
        }
    }

    private void answer(Exchange exchange, Problem problem) {
        respond(exchange, Responses.problem(problem));
    }

    private void respond(Exchange exchange, FullHttpResponse response) {
        int status = response.status().code();
        int bytes = response.content().readableBytes();
        metrics.answered(status);
        Responses.write(exchange.ctx(), response, exchange.keepAlive(), exchange.origin(), options.corsOrigins());
        if (accessLog.isInfoEnabled()) {
            accessLog.info(
                    "{} {} {} {} {} {}ms",
                    exchange.ctx().channel().remoteAddress(),
                    exchange.method(),
                    JsonMappers.printable(exchange.uri()),
                    status,
                    bytes,
                    (System.nanoTime() - exchange.startedNanos()) / 1_000_000);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LoggerFactory.getLogger(GatewayHandler.class)
                .debug("Connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    /** What answering one request needs. */
    private record Exchange(
            ChannelHandlerContext ctx,
            HttpMethod method,
            String uri,
            boolean keepAlive,
            String origin,
            long startedNanos) {}
}
