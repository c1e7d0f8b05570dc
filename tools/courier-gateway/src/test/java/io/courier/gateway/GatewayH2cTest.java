package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.OrderDesk;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP/2 over cleartext: by Upgrade (java.net.http) and by prior knowledge (Netty), same limits. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayH2cTest {

    static final String DESK = "/" + OrderDesk.class.getName();
    static final int MAX_BODY = 64 * 1024;
    static final String ALLOWED_ORIGIN = "https://app.example";
    static GatewayFixture fixture;
    static final HttpClient H2 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture(
                GatewayOptions.builder().maxBodyBytes(MAX_BODY).corsOrigins(java.util.List.of(ALLOWED_ORIGIN)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return H2.send(
                HttpRequest.newBuilder(fixture.uri(path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upgradeToH2c_callsTheServiceOverHttp2() throws Exception {
        HttpResponse<String> upgraded = H2.send(
                HttpRequest.newBuilder(fixture.uri("/openapi.json"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.statusCode()).isEqualTo(200);
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> call = post(DESK + "/echo", "[\"over h2\"]");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(call.body()).isEqualTo("\"over h2\"");
    }

    /** The header block a unary call's answer gets on the connection's own path: the same headers as on HTTP/1.1. */
    @Test
    void unaryAnswerOnH2c_carriesTheGatewaysHeaders_andCorsForAnAllowedOrigin() throws Exception {
        HttpResponse<String> call = H2.send(
                HttpRequest.newBuilder(fixture.uri(DESK + "/echo"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Origin", ALLOWED_ORIGIN)
                        .POST(HttpRequest.BodyPublishers.ofString("[\"headers\"]"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("\"headers\"");
        java.net.http.HttpHeaders headers = call.headers();
        assertThat(headers.firstValue("content-type")).hasValue("application/json");
        assertThat(headers.firstValue("content-length")).hasValue("9");
        assertThat(headers.firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(headers.firstValue("content-security-policy")).hasValue("frame-ancestors 'none'");
        assertThat(headers.firstValue("x-frame-options")).hasValue("DENY");
        assertThat(headers.firstValue("cache-control")).hasValue("no-store");
        assertThat(headers.firstValue("access-control-allow-origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(headers.firstValue("vary")).hasValue("origin");

        HttpResponse<String> problem = post(DESK + "/nothing", "[]");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("content-type")).hasValue(Problems.CONTENT_TYPE);
        assertThat(problem.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    /**
     * A unary call served on the h2c connection itself (its request read from the header block, its
     * answer's block made directly) gets the same headers as the same call on HTTP/1.1, and its request
     * headers reach the call as on HTTP/1.1 (here {@code traceparent}).
     */
    @Test
    void unaryAnswerOnH2c_hasTheHttp11AnswersHeaders_andItsRequestHeadersReachTheCall() throws Exception {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        HttpResponse<String> warm = H2.send(
                HttpRequest.newBuilder(fixture.uri("/metrics"))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(warm.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpClient http1 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String origin : new String[] {ALLOWED_ORIGIN, null}) {
            HttpResponse<String> h1 =
                    http1.send(traceRequest(traceparent, origin), HttpResponse.BodyHandlers.ofString());
            // after the HTTP/1.1 call the method is at hand: the h2c call is served on the connection itself
            HttpResponse<String> h2 = H2.send(traceRequest(traceparent, origin), HttpResponse.BodyHandlers.ofString());
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h2.statusCode()).isEqualTo(h1.statusCode()).isEqualTo(200);
            assertThat(h2.body()).isEqualTo(h1.body()).isEqualTo("\"" + traceparent + "\"");
            java.util.Map<String, List<String>> expected =
                    new java.util.TreeMap<>(h1.headers().map());
            expected.remove("connection"); // HTTP/1.1's own (RFC 9113 section 8.2.2)
            java.util.Map<String, List<String>> actual =
                    new java.util.TreeMap<>(h2.headers().map());
            actual.remove(":status");
            assertThat(actual).isEqualTo(expected).containsKey("content-security-policy");
            assertThat(actual.containsKey("access-control-allow-origin")).isEqualTo(origin != null);
        }
    }

    private static HttpRequest traceRequest(String traceparent, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri(DESK + "/traceparent"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("[]"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.build();
    }

    @Test
    void priorKnowledge_callsTheServiceOverHttp2() throws Exception {
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            assertThat(client.post(DESK + "/echo", "[\"prior knowledge\"]")).isEqualTo("200 \"prior knowledge\"");
        }
    }

    @Test
    void bodyOverTheLimit_onH2c_is413_andOnlyThatStreamEnds() throws Exception {
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            int before = fixture.desk.calls.get();
            String big = "[\"" + "x".repeat(MAX_BODY + 1) + "\"]";
            assertThat(client.post(DESK + "/echo", big)).startsWith("413 ").contains("over the gateway's limit");
            assertThat(fixture.desk.calls.get()).isEqualTo(before);
            assertThat(client.post(DESK + "/echo", "[\"same connection\"]")).isEqualTo("200 \"same connection\"");
        }
    }

    @Test
    void headersOverTheLimit_onH2c_areRefused_andNothingRuns() throws Exception {
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            int before = fixture.desk.calls.get();
            assertThat(client.post(DESK + "/echo", "[\"x\"]", "x-big", "y".repeat(16 * 1024)))
                    .doesNotStartWith("200");
            assertThat(fixture.desk.calls.get()).isEqualTo(before);
        }
        assertThat(post(DESK + "/echo", "[\"still here\"]").body()).isEqualTo("\"still here\"");
    }

    /**
     * A rapid reset: 100 streams, each a whole call (HEADERS and DATA with END_STREAM) followed at once
     * by RST_STREAM(CANCEL), in one burst; none of them executes, and the connection still serves.
     */
    @Test
    void rapidReset_streamsResetInTheSameBurst_executeNoCall() throws Exception {
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            // the caller exists and the catalog is fresh: the fast path is the one under attack
            assertThat(client.post(DESK + "/echo", "[\"warm\"]")).isEqualTo("200 \"warm\"");
            int before = fixture.desk.calls.get();
            client.resetBurst(DESK + "/echo", "[\"reset\"]", 100);
            assertThat(client.post(DESK + "/echo", "[\"after\"]")).isEqualTo("200 \"after\"");
            assertThat(fixture.desk.calls.get()).isEqualTo(before + 1);
        }
    }

    /** A stream reset while its call runs on the provider: the gateway cancels the consumer's call. */
    @Test
    void streamResetWhileItsCallRuns_cancelsTheConsumersCall() throws Exception {
        String gate = "/" + io.courier.gateway.fixtures.Gate.class.getName() + "/hold";
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            Http2StreamChannel stream = client.open(gate, "[\"reset-me\"]");
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.gate.started("reset-me") == 1);
            stream.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2ResetFrame(
                    io.netty.handler.codec.http2.Http2Error.CANCEL));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.get("/metrics").body().contains("\"cancelledCalls\":1"));
            fixture.gate.release.countDown();
            assertThat(client.post(DESK + "/echo", "[\"after\"]")).isEqualTo("200 \"after\"");
        }
    }

    /**
     * One connection mixes the two ways a stream is served: unary JSON calls on the connection
     * itself, and a server stream (NDJSON and SSE), a Connect call and a 404 on stream channels.
     */
    @Test
    void streamsConnectAndUnaryCalls_shareOneH2cConnection() throws Exception {
        String feed = "/" + io.courier.gateway.fixtures.Feed.class.getName();
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            assertThat(client.post(DESK + "/echo", "[\"first\"]")).isEqualTo("200 \"first\"");
            assertThat(client.post(feed + "/count", "[1, 3]")).isEqualTo("200 1\n2\n3\n");
            assertThat(client.post(feed + "/count", "[7, 7]", "accept", "text/event-stream"))
                    .isEqualTo("200 data: 7\n\nevent: end\ndata: \n\n");
            assertThat(client.post(DESK + "/Add", "{\"a\":\"40\",\"b\":2}", "connect-protocol-version", "1"))
                    .isEqualTo("200 {\"value\":\"42\"}");
            assertThat(client.post(DESK + "/nothing", "[]")).startsWith("404 ").contains("no such method");
            assertThat(client.post(DESK + "/echo", "[\"last\"]")).isEqualTo("200 \"last\"");
        }
    }

    /** A unary call whose body arrives in several DATA frames, and one past the limit without a content-length. */
    @Test
    void unaryCallInManyDataFrames_isGathered_andAnUndeclaredBodyOverTheLimitIs413() throws Exception {
        try (PriorKnowledge client = new PriorKnowledge(fixture.gateway.port())) {
            assertThat(client.post(DESK + "/echo", "[\"warm\"]")).isEqualTo("200 \"warm\"");
            int before = fixture.desk.calls.get();
            assertThat(client.postInFrames(DESK + "/echo", List.of("[\"in ", "three ", "frames\"]")))
                    .isEqualTo("200 \"in three frames\"");
            String half = "x".repeat(MAX_BODY / 2 + 1);
            assertThat(client.postInFrames(DESK + "/echo", List.of("[\"" + half, half + "\"]")))
                    .startsWith("413 ")
                    .contains("over the gateway's limit");
            assertThat(fixture.desk.calls.get()).isEqualTo(before + 1);
            assertThat(client.post(DESK + "/echo", "[\"after\"]")).isEqualTo("200 \"after\"");
        }
    }

    /** A Netty HTTP/2 client that starts with the connection preface (no Upgrade). */
    static final class PriorKnowledge implements AutoCloseable {
        private final EventLoopGroup group = new NioEventLoopGroup(1);
        private final Channel connection;

        PriorKnowledge(int port) throws InterruptedException {
            connection = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline()
                                    .addLast(
                                            Http2FrameCodecBuilder.forClient().build(),
                                            new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                                @Override
                                                protected void channelRead0(ChannelHandlerContext ctx, Object msg) {}
                                            }));
                        }
                    })
                    .connect("127.0.0.1", port)
                    .sync()
                    .channel();
        }

        /** POSTs {@code json} on a new stream and returns the stream without waiting for an answer. */
        Http2StreamChannel open(String path, String json) throws Exception {
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false));
                        }
                    })
                    .open()
                    .sync()
                    .getNow();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            FullHttpRequest request = new DefaultFullHttpRequest(
                    HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            request.headers()
                    .set(HttpHeaderNames.HOST, "127.0.0.1")
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set("x-http2-scheme", "http");
            stream.writeAndFlush(request).sync();
            return stream;
        }

        /** POSTs {@code json} on a new stream: "status body", or "reset" if the stream ended without an answer. */
        String post(String path, String json, String... headers) throws Exception {
            CompletableFuture<String> answer = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.closeFuture().addListener(closed -> answer.complete("reset"));
                            channel.pipeline()
                                    .addLast(
                                            new Http2StreamFrameToHttpObjectCodec(false),
                                            new HttpObjectAggregator(MAX_BODY),
                                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                                                @Override
                                                protected void channelRead0(
                                                        ChannelHandlerContext ctx, FullHttpResponse response) {
                                                    answer.complete(response.status()
                                                                    .code() + " "
                                                            + response.content().toString(StandardCharsets.UTF_8));
                                                }
                                            });
                        }
                    })
                    .open()
                    .sync()
                    .getNow();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            FullHttpRequest request = new DefaultFullHttpRequest(
                    HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            request.headers()
                    .set(HttpHeaderNames.HOST, "127.0.0.1")
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set("x-http2-scheme", "http");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.headers().set(headers[i], headers[i + 1]);
            }
            stream.writeAndFlush(request);
            return answer.get(20, TimeUnit.SECONDS);
        }

        /**
         * POSTs {@code parts} as one DATA frame each, without a content-length: "status body", or
         * "reset" if the stream ended without an answer.
         */
        String postInFrames(String path, List<String> parts) throws Exception {
            CompletableFuture<String> answer = new CompletableFuture<>();
            StringBuilder body = new StringBuilder();
            CompletableFuture<Void> written = new CompletableFuture<>();
            connection.eventLoop().execute(() -> {
                Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                        .handler(new SimpleChannelInboundHandler<io.netty.handler.codec.http2.Http2StreamFrame>() {
                            private String status = "reset";

                            @Override
                            protected void channelRead0(
                                    ChannelHandlerContext ctx, io.netty.handler.codec.http2.Http2StreamFrame frame) {
                                if (frame instanceof io.netty.handler.codec.http2.Http2HeadersFrame head) {
                                    status = String.valueOf(head.headers().status());
                                    if (head.isEndStream()) {
                                        answer.complete(status + " " + body);
                                    }
                                } else if (frame instanceof io.netty.handler.codec.http2.Http2DataFrame data) {
                                    body.append(data.content().toString(StandardCharsets.UTF_8));
                                    if (data.isEndStream()) {
                                        answer.complete(status + " " + body);
                                    }
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                answer.complete(status + " " + body);
                            }
                        })
                        .open()
                        .getNow();
                stream.write(new io.netty.handler.codec.http2.DefaultHttp2HeadersFrame(jsonPost(path), false));
                for (int i = 0; i < parts.size(); i++) {
                    stream.write(new io.netty.handler.codec.http2.DefaultHttp2DataFrame(
                            Unpooled.copiedBuffer(parts.get(i), StandardCharsets.UTF_8), i == parts.size() - 1));
                }
                stream.flush();
                written.complete(null);
            });
            written.get(10, TimeUnit.SECONDS);
            return answer.get(20, TimeUnit.SECONDS);
        }

        /** The header block of a JSON POST to {@code path} on this connection. */
        private static io.netty.handler.codec.http2.Http2Headers jsonPost(String path) {
            return new io.netty.handler.codec.http2.DefaultHttp2Headers()
                    .method("POST")
                    .path(path)
                    .scheme("http")
                    .authority("127.0.0.1")
                    .set("content-type", "application/json");
        }

        /** Opens {@code count} streams, each a whole POST then RST_STREAM(CANCEL), written in one flush. */
        void resetBurst(String path, String json, int count) throws Exception {
            CompletableFuture<Void> written = new CompletableFuture<>();
            connection.eventLoop().execute(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                                .open()
                                .getNow();
                        stream.write(new io.netty.handler.codec.http2.DefaultHttp2HeadersFrame(jsonPost(path), false));
                        stream.write(new io.netty.handler.codec.http2.DefaultHttp2DataFrame(
                                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8), true));
                        stream.write(new io.netty.handler.codec.http2.DefaultHttp2ResetFrame(
                                io.netty.handler.codec.http2.Http2Error.CANCEL));
                    }
                    connection.flush();
                    written.complete(null);
                } catch (RuntimeException e) {
                    written.completeExceptionally(e);
                }
            });
            written.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            connection.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void http11_stillWorks() {
        assertThat(fixture.post(DESK + "/echo", "[\"one\"]").version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
}
