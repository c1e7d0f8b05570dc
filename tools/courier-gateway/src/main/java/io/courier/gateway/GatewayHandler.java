package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.ServiceKey;
import io.courier.gateway.Problems.Problem;
import io.courier.gateway.grpcweb.BrowserWire;
import io.courier.gateway.grpcweb.GrpcUpstream;
import io.courier.gateway.limit.RateLimiter;
import io.courier.gateway.msgpack.MessagePackBodies;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one complete request: {@code POST /{service}/{method}} calls the service; {@code GET
 * /openapi.json}, {@code GET /{service}/openapi.json}, {@code GET /docs} and {@code GET /metrics}
 * describe; the REST paths the providers publish go to {@link RestCalls} ({@link RestCalls#claims}
 * says which win). Checks run before any work, cheapest first: token, rate limit, content type, path;
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
    private final GatewayMetrics metrics;
    private final Admission admission;
    private final StreamCalls streams;
    private final BrowserRpc browser;
    private final UnaryCalls unaryCalls;
    private final RestCalls restCalls;

    GatewayHandler(
            GatewayOptions options,
            ServiceCatalog catalog,
            Executor lookups,
            RateLimiter limiter,
            GatewayMetrics metrics,
            GrpcUpstream upstream) {
        this.options = options;
        this.catalog = catalog;
        this.lookups = lookups;
        this.metrics = metrics;
        this.admission = new Admission(options, limiter);
        this.browser = new BrowserRpc(options, catalog, upstream, metrics);
        this.streams = new StreamCalls(options, new OpenStreams(options.maxStreamsPerClient()), metrics, this::answer);
        this.unaryCalls = new UnaryCalls(options, catalog, metrics, streams, this::answer, this::offload);
        this.restCalls = new RestCalls(options, catalog, unaryCalls, this::respond, this::offload);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        handle(ctx, request);
    }

    /**
     * Serves a unary call that an HTTP/2 connection took without a stream channel ({@link #unaryAtHand}):
     * a {@code POST} of {@code application/json} (not Connect) whose {@code :path} names a method at
     * hand, read from its header block as it is, with no HTTP/1.1 request made of it. The same checks
     * as {@link #post}'s; {@code content} is the caller's.
     */
    void serve(UnaryStream stream, Http2Headers headers, ByteBuf content) {
        disarmDeadline(stream.ctx());
        String path = headers.path().toString();
        Exchange exchange = new Exchange(
                stream.ctx(),
                HttpMethod.POST,
                path,
                true,
                text(headers.get(HttpHeaderNames.ORIGIN)),
                System.nanoTime(),
                stream);
        if (!admitted(exchange, text(headers.get(HttpHeaderNames.AUTHORIZATION)))) {
            return;
        }
        String rawPath = RequestPaths.raw(path);
        Function<CharSequence, String> header = name -> text(headers.get(name));
        unaryCalls.call(exchange, rawPath, content, header);
    }

    private static String text(CharSequence value) {
        return value == null ? null : value.toString();
    }

    /**
     * Whether a POST with this path and content type is a unary JSON call whose caller and method
     * the gateway has at hand ({@link UnaryCalls#atHand}).
     */
    boolean unaryAtHand(CharSequence path, CharSequence contentType, boolean connect) {
        return unaryCalls.atHand(path, contentType, connect);
    }

    /** Counts an answer written without {@link #respond}. */
    void counted(int status) {
        metrics.answered(status);
    }

    /** The request has arrived whole: its connection's deadline is off. */
    private static void disarmDeadline(ChannelHandlerContext ctx) {
        Channel connection =
                ctx.channel() instanceof Http2StreamChannel ? ctx.channel().parent() : ctx.channel();
        RequestDeadline deadline = connection.pipeline().get(RequestDeadline.class);
        if (deadline != null) {
            deadline.disarm();
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        disarmDeadline(ctx);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        Exchange exchange = new Exchange(
                ctx, request.method(), request.uri(), HttpUtil.isKeepAlive(request), origin, System.nanoTime(), null);
        if (!request.decoderResult().isSuccess()) {
            answer(exchange, Problems.of(HttpResponseStatus.BAD_REQUEST, "the request is not valid HTTP/1.1"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        if (HttpMethod.OPTIONS.equals(method) && !options.corsOrigins().isEmpty()) {
            respond(exchange, Responses.preflight());
        } else if (!(HttpMethod.GET.equals(method) && isPage(path)) && restCalls.claims(method, uri.rawPath())) {
            if (admitted(exchange, request.headers())) {
                restCalls.call(exchange, request);
            }
        } else if (HttpMethod.GET.equals(method)) {
            get(exchange, path, uri, request);
        } else if (HttpMethod.POST.equals(method)) {
            // the raw path: its last '/' splits service from method before either is decoded, once
            post(exchange, uri.rawPath(), request);
        } else {
            answer(exchange, Problems.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST to call, GET to read"));
        }
    }

    /** Whether {@code path} is one of the gateway's own pages, which no REST route shadows. */
    private static boolean isPage(String path) {
        return path.equals("/docs")
                || path.equals("/docs/")
                || path.equals("/metrics")
                || path.endsWith("/openapi.json");
    }

    private void get(Exchange exchange, String path, QueryStringDecoder uri, FullHttpRequest request) {
        switch (path) {
            case "/docs", "/docs/" -> respond(exchange, Responses.docsPage());
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
                                        OpenApi.withRest(
                                                        OpenApi.document(
                                                                "Courier gateway", catalog.all(), catalog::protocols),
                                                        catalog.rest())
                                                .toString())));
            default -> {
                if (path.endsWith("/openapi.json")) {
                    String service = path.substring(1, path.length() - "/openapi.json".length());
                    offload(exchange, () -> respond(exchange, OpenApi.serviceAnswer(catalog, service)));
                } else if (BrowserRpc.isConnectGet(uri)) {
                    connectGet(exchange, uri, request.headers());
                } else {
                    getStream(exchange, uri, request);
                }
            }
        }
    }

    /** Answers the refusal of {@link Admission}, if any; true when the request may go on. */
    private boolean admitted(Exchange exchange, HttpHeaders headers) {
        return admitted(exchange, headers.get(HttpHeaderNames.AUTHORIZATION));
    }

    private boolean admitted(Exchange exchange, String authorization) {
        FullHttpResponse refused = admission.refusal(exchange.client(), authorization);
        if (refused != null) {
            respond(exchange, refused);
            return false;
        }
        return true;
    }

    /**
     * {@code GET /{service}/{method}} of a stream: Server-Sent Events or NDJSON of a server stream
     * (what a browser's {@code EventSource} asks for), or a WebSocket ({@code Upgrade: websocket})
     * of any stream. The arguments are the query's parameters by name, each a JSON value. A browser
     * sends these without a CORS preflight, so a page of another origin (an {@code Origin} that is
     * neither this gateway's nor allowed) is refused before anything runs.
     */
    private void getStream(Exchange exchange, QueryStringDecoder uri, FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        String rawPath = uri.rawPath();
        Optional<ServiceKey> key = RequestPaths.serviceOf(rawPath);
        String method = RequestPaths.methodOf(rawPath);
        if (key.isEmpty() || method.isEmpty()) {
            answer(exchange, Problems.of(HttpResponseStatus.NOT_FOUND, "no such page"));
            return;
        }
        if (!admission.sameOrAllowedOrigin(exchange.origin(), headers.get(HttpHeaderNames.HOST))) {
            answer(
                    exchange,
                    Problems.of(
                            HttpResponseStatus.FORBIDDEN, "a stream cannot be opened from a page of another origin"));
            return;
        }
        if (!admitted(exchange, headers)) {
            return;
        }
        String arguments;
        try {
            arguments = QueryArguments.of(uri.parameters());
        } catch (IllegalArgumentException e) {
            answer(exchange, Problems.of(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
            return;
        }
        boolean webSocket = StreamCalls.isWebSocket(request);
        if (webSocket && exchange.ctx().channel() instanceof Http2StreamChannel) {
            answer(exchange, Problems.of(HttpResponseStatus.BAD_REQUEST, "a WebSocket needs HTTP/1.1"));
            return;
        }
        FullHttpRequest handshake = webSocket ? StreamCalls.handshakeOf(request) : null;
        boolean events = StreamCalls.wantsEvents(headers.get(HttpHeaderNames.ACCEPT));
        Map<String, String> attachments = attachments(headers::get);
        offload(exchange, () -> {
            Optional<MethodMetadata> found = streams.method(exchange, catalog, key.get(), method);
            if (found.isEmpty()) {
                return;
            }
            GenericService caller = catalog.caller(key.get()).orElseThrow();
            boolean takesMessages = found.get().streamParameter() >= 0;
            if (webSocket) {
                streams.webSocket(exchange, handshake, caller, method, arguments, attachments, takesMessages);
            } else if (takesMessages) {
                answer(
                        exchange,
                        Problems.of(
                                HttpResponseStatus.BAD_REQUEST,
                                method + " takes the client's messages: open it as a WebSocket (Upgrade: websocket)"));
            } else {
                streams.serverStream(exchange, caller, method, arguments, attachments, events);
            }
        });
    }

    /**
     * A Connect GET of an idempotent method. A browser sends it without a preflight, so a page of
     * another origin that is not allowed is refused before anything runs, as a stream's open is.
     */
    private void connectGet(Exchange exchange, QueryStringDecoder uri, HttpHeaders headers) {
        if (!admission.sameOrAllowedOrigin(exchange.origin(), headers.get(HttpHeaderNames.HOST))) {
            answer(exchange, Problems.of(HttpResponseStatus.FORBIDDEN, "a page of another origin may not call"));
            return;
        }
        if (admitted(exchange, headers)) {
            HttpHeaders copied = headers.copy();
            offload(exchange, () -> browser.get(exchange, uri, copied));
        }
    }

    private void post(Exchange exchange, String rawPath, FullHttpRequest request) {
        HttpHeaders headers = request.headers();
        if (!admitted(exchange, headers)) {
            return;
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        BrowserWire wire = BrowserWire.of(contentType, headers.contains("connect-protocol-version"));
        if (wire != null) {
            byte[] body = io.netty.buffer.ByteBufUtil.getBytes(request.content());
            HttpHeaders copied = headers.copy();
            offload(exchange, () -> browser.call(exchange, wire, rawPath, copied, body));
            return;
        }
        // JSON, or MessagePack converted to it; anything else (a plain form from another origin too) refused
        MessagePackBodies.Body body = MessagePackBodies.of(headers, request.content());
        if (body.refusal() != null) {
            answer(exchange, Problems.of(body.refusal(), body.detail()));
            return;
        }
        unaryCalls.call(exchange.answering(body), rawPath, body.json(), headers::get);
    }

    private Map<String, String> attachments(Function<CharSequence, String> headers) {
        return CallAttachments.of(headers, options.token().isEmpty());
    }

    private void offload(Exchange exchange, Runnable work) {
        try {
            lookups.execute(() -> {
                if (!exchange.active()) {
                    // reset or closed while it waited for a lookup thread: nothing runs for it
                    metrics.resetBeforeCall();
                    return;
                }
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
        exchange.write(response, options.corsOrigins());
        logAccess(exchange, status, bytes);
    }

    static void logAccess(Exchange exchange, int status, int bytes) {
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
}
