package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.ServiceKey;
import io.courier.gateway.Problems.Problem;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * Streams over HTTP: a server stream as Server-Sent Events or NDJSON (the response's body, one
 * message per event or line, chosen by {@code Accept}), and any stream over a WebSocket (client and
 * bidirectional streams take the client's text frames as their messages). Each counts against the
 * client's {@link OpenStreams}; each is written by a {@link StreamWriter}, which carries the
 * stream's flow control to the socket. Thread-safe.
 */
final class StreamCalls {

    static final String SSE = "text/event-stream";
    static final String NDJSON = "application/x-ndjson";

    private final GatewayOptions options;
    private final OpenStreams open;
    private final GatewayMetrics metrics;
    private final BiConsumer<Exchange, Problem> answer;

    StreamCalls(
            GatewayOptions options, OpenStreams open, GatewayMetrics metrics, BiConsumer<Exchange, Problem> answer) {
        this.options = options;
        this.open = open;
        this.metrics = metrics;
        this.answer = answer;
    }

    /** The stream method {@code method} of {@code key}, or empty once the answer (404, 405) is sent. */
    Optional<MethodMetadata> method(Exchange exchange, ServiceCatalog catalog, ServiceKey key, String method) {
        Optional<ServiceMetadata> metadata = catalog.caller(key).flatMap(caller -> catalog.metadata(key));
        if (metadata.isEmpty()) {
            answer.accept(exchange, Problems.noSuchService(key));
            return Optional.empty();
        }
        List<MethodMetadata> named = metadata.get().methods().stream()
                .filter(m -> m.name().equals(method))
                .toList();
        if (named.isEmpty()) {
            answer.accept(exchange, Problems.noSuchMethod(key, method));
            return Optional.empty();
        }
        Optional<MethodMetadata> stream =
                named.stream().filter(MethodMetadata::stream).findFirst();
        if (stream.isEmpty()) {
            answer.accept(exchange, Problems.of(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST to call " + method));
        }
        return stream;
    }

    /** Whether {@code accept} asks for Server-Sent Events rather than NDJSON (the default). */
    static boolean wantsEvents(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(SSE);
    }

    /** Whether a request asks to become a WebSocket. */
    static boolean isWebSocket(FullHttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase(HttpHeaderValues.WEBSOCKET.toString());
    }

    /** What a WebSocket handshake needs of a request, kept past the request's release. */
    static FullHttpRequest handshakeOf(FullHttpRequest request) {
        return new DefaultFullHttpRequest(
                request.protocolVersion(),
                request.method(),
                request.uri(),
                Unpooled.EMPTY_BUFFER,
                request.headers().copy(),
                EmptyHttpHeaders.INSTANCE);
    }

    /** Opens a server stream and answers with its messages as events or lines. Any thread. */
    void serverStream(
            Exchange exchange,
            GenericService caller,
            String method,
            String arguments,
            Map<String, String> attachments,
            boolean events) {
        if (!admit(exchange)) {
            return;
        }
        caller.openStream(method, arguments, null, attachments)
                .whenComplete((publisher, failure) -> exchange.ctx().executor().execute(() -> {
                    if (failure != null) {
                        closed(exchange);
                        answer.accept(exchange, Problems.ofFailure(failure));
                        return;
                    }
                    respond(exchange, publisher, events);
                }));
    }

    private void respond(Exchange exchange, Flow.Publisher<String> publisher, boolean events) {
        Channel channel = exchange.ctx().channel();
        boolean http1 = !(channel instanceof io.netty.handler.codec.http2.Http2StreamChannel);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, (events ? SSE : NDJSON) + "; charset=utf-8");
        Responses.secure(head.headers());
        Responses.cors(head.headers(), exchange.origin(), options.corsOrigins());
        if (http1) {
            // one stream per HTTP/1.1 connection: nothing may follow a body of unknown length but its end
            HttpUtil.setTransferEncodingChunked(head, true);
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        metrics.answered(200);
        StreamWriter writer = new StreamWriter(
                channel, events ? StreamFraming.SSE : StreamFraming.NDJSON, http1, () -> closed(exchange), metrics);
        channel.pipeline().addBefore("head", "stream", new Guard(writer));
        channel.writeAndFlush(head);
        publisher.subscribe(writer);
    }

    /**
     * Turns the request's connection into a WebSocket and opens the stream on it: its messages are
     * the client's text frames (for a client or bidirectional stream), its answers text frames. Any
     * thread.
     */
    void webSocket(
            Exchange exchange,
            FullHttpRequest handshake,
            GenericService caller,
            String method,
            String arguments,
            Map<String, String> attachments,
            boolean takesMessages) {
        if (!admit(exchange)) {
            return;
        }
        exchange.ctx().executor().execute(() -> {
            Channel channel = exchange.ctx().channel();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                            "ws://" + handshake.headers().get(HttpHeaderNames.HOST, "localhost") + handshake.uri(),
                            null,
                            false,
                            options.maxBodyBytes())
                    .newHandshaker(handshake);
            if (handshaker == null) {
                closed(exchange);
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            // a WebSocket is one long exchange: the per-request deadline and handlers no longer apply
            for (String name : new String[] {"deadline", "head", "gateway"}) {
                if (pipeline.get(name) != null) {
                    pipeline.remove(name);
                }
            }
            WebSocketStream inbound = new WebSocketStream(channel, takesMessages);
            pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(options.maxBodyBytes()));
            pipeline.addLast("ws-stream", inbound);
            metrics.answered(101);
            handshaker.handshake(channel, handshake).addListener(shaken -> {
                if (!shaken.isSuccess()) {
                    closed(exchange);
                    channel.close();
                    return;
                }
                caller.openStream(method, arguments, takesMessages ? inbound : null, attachments)
                        .whenComplete(
                                (publisher, failure) -> channel.eventLoop().execute(() -> {
                                    StreamWriter writer = new StreamWriter(
                                            channel, StreamFraming.WEBSOCKET, true, () -> closed(exchange), metrics);
                                    inbound.writer(writer);
                                    if (failure != null) {
                                        writer.onError(failure);
                                    } else {
                                        publisher.subscribe(writer);
                                    }
                                }));
            });
        });
    }

    /** Counts the stream against its client's limit; else answers 429 and returns false. */
    private boolean admit(Exchange exchange) {
        if (open.tryOpen(exchange.client())) {
            metrics.streams.incrementAndGet();
            return true;
        }
        metrics.refusedStream();
        answer.accept(
                exchange,
                Problems.of(
                        HttpResponseStatus.TOO_MANY_REQUESTS,
                        "this client has " + options.maxStreamsPerClient()
                                + " streams open, the gateway's limit per client"));
        return false;
    }

    private void closed(Exchange exchange) {
        metrics.streams.decrementAndGet();
        open.closed(exchange.client());
    }

    /**
     * In an HTTP channel that carries a stream's answer: the channel becoming writable again asks
     * the stream for more; anything more the client sends (a pipelined request) is dropped, since
     * the connection closes at the stream's end.
     */
    private static final class Guard extends ChannelInboundHandlerAdapter {
        private final StreamWriter writer;

        Guard(StreamWriter writer) {
            this.writer = writer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            writer.refill();
            ctx.fireChannelWritabilityChanged();
        }
    }
}
