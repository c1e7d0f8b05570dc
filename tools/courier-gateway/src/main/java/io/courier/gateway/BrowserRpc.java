package io.courier.gateway;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * gRPC-Web and Connect calls, forwarded as gRPC to a provider that serves it (its registry entry lists
 * {@code grpc}): the path is gRPC's {@code /{service}/{Method}}, the bytes stay protobuf end to end and
 * the provider's interface-derived schema is the only one. Blocking where it reads the registry: call it
 * off the IO threads.
 */
final class BrowserRpc {

    /** The headers a browser's gRPC-Web or Connect client sends, for a CORS preflight. */
    static final String REQUEST_HEADERS = "Connect-Protocol-Version, Connect-Timeout-Ms, Grpc-Timeout, X-Grpc-Web,"
            + " X-User-Agent, Content-Encoding, Connect-Content-Encoding, Connect-Accept-Encoding, Grpc-Encoding,"
            + " Grpc-Accept-Encoding";

    /** The response headers a page's script may read. */
    static final String EXPOSED_HEADERS = "Grpc-Status, Grpc-Message, Grpc-Status-Details-Bin";

    private static final List<String> FORWARDED = List.of("authorization", "traceparent", "tracestate");

    private final GatewayOptions options;
    private final ServiceCatalog catalog;
    private final GrpcUpstream upstream;
    private final GatewayMetrics metrics;
    private final ConnectJson json;

    BrowserRpc(GatewayOptions options, ServiceCatalog catalog, GrpcUpstream upstream, GatewayMetrics metrics) {
        this.options = options;
        this.catalog = catalog;
        this.upstream = upstream;
        this.metrics = metrics;
        this.json = new ConnectJson(upstream);
    }

    /** Calls {@code rawPath} ({@code /{service}/{Method}}) with {@code body} as {@code wire} carries it. */
    void call(Exchange exchange, BrowserWire wire, String rawPath, HttpHeaders headers, byte[] body) {
        Answer answer = new Answer(exchange, wire);
        byte[] message;
        try {
            message = BrowserWire.Encoding.inflated(wire, headers, body, options.maxBodyBytes());
        } catch (BrowserWire.Encoding.Refused e) {
            answer.refuse(e);
            return;
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "the body is not base64: " + e.getMessage());
            return;
        }
        forward(answer, rawPath, headers, message, false);
    }

    /** Whether {@code uri} is a Connect unary GET: it carries {@code message} and {@code encoding}. */
    static boolean isConnectGet(QueryStringDecoder uri) {
        return uri.parameters().containsKey("message") && uri.parameters().containsKey("encoding");
    }

    /**
     * A Connect unary GET ({@code ?encoding=proto&base64=1&message=...}) of an {@code @Idempotent}
     * method; anything else is refused before a call is made.
     */
    void get(Exchange exchange, QueryStringDecoder uri, HttpHeaders headers) {
        java.util.Map<String, List<String>> query = uri.parameters();
        String encoding = first(query, "encoding");
        Answer answer =
                new Answer(exchange, "json".equals(encoding) ? BrowserWire.CONNECT_JSON : BrowserWire.CONNECT_UNARY);
        if (!"proto".equals(encoding) && !"json".equals(encoding)) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "a GET call's encoding is proto or json, not " + encoding);
            return;
        }
        byte[] message;
        try {
            boolean gzip = BrowserWire.Encoding.gzip(first(query, "compression"));
            message = "1".equals(first(query, "base64"))
                    ? java.util.Base64.getUrlDecoder().decode(stripPadding(first(query, "message")))
                    : rawParameter(uri.rawQuery(), "message");
            message = gzip ? BrowserWire.Encoding.inflate(message, options.maxBodyBytes()) : message;
        } catch (BrowserWire.Encoding.Refused e) {
            answer.refuse(e);
            return;
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "message is not base64url: " + e.getMessage());
            return;
        }
        forward(answer, uri.rawPath(), headers, message, true);
    }

    private void forward(Answer answer, String rawPath, HttpHeaders headers, byte[] body, boolean idempotentOnly) {
        Exchange exchange = answer.exchange;
        BrowserWire wire = answer.wire;
        String path = QueryStringDecoder.decodeComponent(rawPath);
        int slash = path.lastIndexOf('/');
        if (slash <= 1 || slash == path.length() - 1) {
            answer.fail(GrpcStatus.UNIMPLEMENTED, "expected: POST /{service}/{Method}");
            return;
        }
        String service = path.substring(1, slash);
        ServiceKey key = catalog.all().keySet().stream()
                .filter(candidate -> GrpcNames.service(candidate).equals(service))
                .filter(candidate -> matches(candidate.group(), headers.get(GrpcNames.GROUP_METADATA)))
                .filter(candidate -> matches(candidate.version(), headers.get(GrpcNames.VERSION_METADATA)))
                .findFirst()
                .orElse(null);
        if (key == null) {
            answer.fail(GrpcStatus.UNIMPLEMENTED, "no such service: " + service);
            return;
        }
        if (idempotentOnly && !idempotent(key, path.substring(slash + 1))) {
            answer.fail(
                    GrpcStatus.UNIMPLEMENTED,
                    path.substring(slash + 1) + " is not @Idempotent: call it with POST, not GET");
            return;
        }
        List<Endpoint> endpoints = catalog.grpcEndpoints(key);
        if (endpoints.isEmpty()) {
            answer.fail(GrpcStatus.UNAVAILABLE, "no provider of " + key + " serves gRPC");
            return;
        }
        Endpoint endpoint = endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
        byte[] message = body;
        if (wire == BrowserWire.CONNECT_STREAM_JSON) {
            message = unenvelope(body);
            if (message == null) {
                answer.fail(GrpcStatus.INVALID_ARGUMENT, "expected one enveloped JSON message (flags 0)");
                return;
            }
        }
        if (wire.json()) {
            message = jsonToProto(answer, endpoint, service, path.substring(slash + 1), message);
            if (message == null) {
                return;
            }
        }
        ByteBuf request;
        String timeout;
        try {
            request = wire.request(message);
            timeout = timeout(headers);
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
            return;
        }
        Http2Headers grpc = GrpcUpstream.requestHeaders(endpoint, rawPath);
        if (timeout != null) {
            grpc.set("grpc-timeout", timeout);
        }
        if (key.group() != null && !key.group().isEmpty()) {
            grpc.set(GrpcNames.GROUP_METADATA, key.group());
        }
        if (key.version() != null && !key.version().isEmpty()) {
            grpc.set(GrpcNames.VERSION_METADATA, key.version());
        }
        for (String name : FORWARDED) {
            String value = headers.get(name);
            if (value != null) {
                grpc.set(name, value);
            }
        }
        upstream.call(endpoint, grpc, request, exchange.ctx().channel(), answer);
    }

    /** The protobuf of a Connect JSON request, or {@code null} once the failure is answered. */
    private byte[] jsonToProto(Answer answer, Endpoint endpoint, String service, String method, byte[] body) {
        try {
            com.google.protobuf.Descriptors.MethodDescriptor described =
                    json.method(endpoint, answer.exchange.ctx().channel(), service, method);
            if (described == null) {
                answer.fail(GrpcStatus.UNIMPLEMENTED, "no such method of " + service + ": " + method);
                return null;
            }
            answer.jsonOutput = described.getOutputType();
            return ConnectJson.toProto(described.getInputType(), new String(body, StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            answer.fail(GrpcStatus.UNAVAILABLE, e.getMessage());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "not the JSON of the request message: " + e.getMessage());
        }
        return null;
    }

    /** The message of one uncompressed envelope that is the whole body, or {@code null}. */
    private static byte[] unenvelope(byte[] body) {
        if (body.length < 5 || body[0] != 0) {
            return null;
        }
        int length = java.nio.ByteBuffer.wrap(body, 1, 4).getInt();
        return length == body.length - 5 ? java.util.Arrays.copyOfRange(body, 5, body.length) : null;
    }

    private boolean idempotent(ServiceKey key, String grpcMethod) {
        return catalog.metadata(key)
                .map(metadata -> metadata.methods().stream()
                        .anyMatch(method -> method.idempotent()
                                && !method.serverStream()
                                && method.streamParameter() < 0
                                && GrpcNames.method(method.name()).equals(grpcMethod)))
                .orElse(false);
    }

    private static String first(java.util.Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    /** The bytes of query parameter {@code name}, percent-decoded byte by byte (a binary message). */
    static byte[] rawParameter(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                String raw = pair.substring(name.length() + 1);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
                for (int i = 0; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '%' && i + 2 < raw.length()) {
                        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else if (c == '%') {
                        throw new IllegalArgumentException("a '%' without two hex digits");
                    } else {
                        out.write(c == '+' ? ' ' : c);
                    }
                }
                return out.toByteArray();
            }
        }
        return new byte[0];
    }

    private static boolean matches(String value, String asked) {
        return asked == null || asked.equals(value == null ? "" : value);
    }

    /**
     * The {@code grpc-timeout} of the call: gRPC-Web's own, or Connect's {@code connect-timeout-ms} in
     * milliseconds; {@code null} for none.
     */
    static String timeout(HttpHeaders headers) {
        String grpc = headers.get("grpc-timeout");
        if (grpc != null) {
            if (!grpc.matches("[0-9]{1,8}[HMSmun]")) {
                throw new IllegalArgumentException("grpc-timeout is not a gRPC timeout: " + grpc);
            }
            return grpc;
        }
        String connect = headers.get("connect-timeout-ms");
        if (connect == null) {
            return null;
        }
        if (!connect.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("connect-timeout-ms is not a number of milliseconds: " + connect);
        }
        long millis = Long.parseLong(connect);
        return millis < 100_000_000L ? millis + "m" : Math.min(millis / 1000, 99_999_999L) + "S";
    }

    /** One call's answer to the browser: streamed as frames arrive, or (Connect unary) whole. */
    private final class Answer implements GrpcUpstream.Listener {
        private final Exchange exchange;
        private final BrowserWire wire;
        private final CompositeByteBuf unary;
        /** Bytes of a streamed JSON answer not yet a whole message. */
        private final CompositeByteBuf pending = Unpooled.compositeBuffer();

        private boolean started;
        private boolean done;
        /** Whether the answer lists the encodings served (a request's encoding was not one). */
        private boolean acceptEncoding;
        /** The response type, when the answer is Connect JSON. */
        private com.google.protobuf.Descriptors.Descriptor jsonOutput;

        Answer(Exchange exchange, BrowserWire wire) {
            this.exchange = exchange;
            this.wire = wire;
            this.unary = wire.unary() ? Unpooled.compositeBuffer() : null;
        }

        @Override
        public void headers(Http2Headers headers) {
            start();
        }

        @Override
        public void data(ByteBuf data) {
            if (done) {
                data.release();
                return;
            }
            if (unary != null) {
                unary.addComponent(true, data);
                if (unary.readableBytes() > options.maxBodyBytes()) {
                    exchange.ctx().channel().close();
                }
                return;
            }
            start();
            if (jsonOutput == null) {
                exchange.ctx().writeAndFlush(new DefaultHttpContent(wire.response(data)));
                return;
            }
            pending.addComponent(true, data);
            while (!done
                    && pending.readableBytes() >= 5
                    && pending.readableBytes() >= 5 + pending.getInt(pending.readerIndex() + 1)) {
                pending.skipBytes(1);
                byte[] message = new byte[pending.readInt()];
                pending.readBytes(message);
                try {
                    byte[] json = ConnectJson.toJson(jsonOutput, message).getBytes(StandardCharsets.UTF_8);
                    exchange.ctx()
                            .writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(BrowserWire.frame(0, json))));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    finish(
                            GrpcStatus.INTERNAL,
                            "the provider's message is not its response message: " + e.getMessage());
                }
            }
            pending.discardReadComponents();
        }

        @Override
        public void end(Http2Headers trailers) {
            CharSequence code = trailers.get("grpc-status");
            GrpcStatus status = code == null ? GrpcStatus.INTERNAL : statusOf(code.toString());
            CharSequence message = trailers.get("grpc-message");
            String text = message == null
                    ? ""
                    : QueryStringDecoder.decodeComponent(message.toString().replace("+", "%2B"));
            if (code == null) {
                text = "the provider's answer had no grpc-status";
            }
            finish(status, text);
        }

        @Override
        public void failed(Throwable cause) {
            finish(GrpcStatus.UNAVAILABLE, "the provider's stream failed: " + cause.getMessage());
        }

        void fail(GrpcStatus status, String message) {
            finish(status, message);
        }

        /** Answers a refused compression; an unserved encoding's answer lists those served. */
        void refuse(BrowserWire.Encoding.Refused refused) {
            acceptEncoding = refused.status() == GrpcStatus.UNIMPLEMENTED;
            finish(refused.status(), refused.getMessage());
        }

        private void start() {
            if (started || unary != null) {
                return;
            }
            started = true;
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, wire.contentType());
            HttpUtil.setTransferEncodingChunked(response, true);
            decorate(response.headers());
            metrics.answered(200);
            exchange.ctx().writeAndFlush(response);
        }

        private void finish(GrpcStatus status, String message) {
            if (done) {
                return;
            }
            done = true;
            pending.release();
            if (unary != null) {
                finishUnary(status, message);
                return;
            }
            start();
            var written = exchange.ctx().writeAndFlush(new DefaultLastHttpContent(wire.endFrame(status, message)));
            if (!exchange.keepAlive()) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void finishUnary(GrpcStatus status, String message) {
            FullHttpResponse response = null;
            if (status == GrpcStatus.OK && unary.readableBytes() >= 5) {
                unary.skipBytes(5);
                byte[] bytes = ByteBufUtil.getBytes(unary);
                try {
                    bytes = jsonOutput == null
                            ? bytes
                            : ConnectJson.toJson(jsonOutput, bytes).getBytes(StandardCharsets.UTF_8);
                    response = new DefaultFullHttpResponse(
                            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, wire.contentType());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    status = GrpcStatus.INTERNAL;
                    message = "the provider's answer is not its response message: " + e.getMessage();
                }
            }
            if (response == null) {
                GrpcStatus failed = status == GrpcStatus.OK ? GrpcStatus.INTERNAL : status;
                String text = status == GrpcStatus.OK ? "the provider answered no message" : message;
                byte[] json = BrowserWire.connectError(failed, text).getBytes(StandardCharsets.UTF_8);
                response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, BrowserWire.connectHttpStatus(failed), Unpooled.wrappedBuffer(json));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
            unary.release();
            response.headers()
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            decorate(response.headers());
            metrics.answered(response.status().code());
            var written = exchange.ctx().writeAndFlush(response);
            if (!exchange.keepAlive()) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void decorate(HttpHeaders headers) {
            Responses.secure(headers);
            Responses.cors(headers, exchange.origin(), options.corsOrigins());
            if (acceptEncoding) {
                headers.set(BrowserWire.Encoding.acceptHeader(wire), BrowserWire.Encoding.ACCEPTED);
            }
            if (headers.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            }
        }
    }

    private static GrpcStatus statusOf(String code) {
        try {
            return GrpcStatus.ofCode(Integer.parseInt(code.trim()));
        } catch (NumberFormatException e) {
            return GrpcStatus.UNKNOWN;
        }
    }
}
