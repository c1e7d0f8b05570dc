package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.gateway.fixtures.Feed;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams through the gateway: a server stream as NDJSON and as Server-Sent Events (by {@code
 * Accept}, by POST and by GET), client and bidirectional streams over a WebSocket, flow control
 * from a stalled client back to the provider, the per-client stream limit, and cross-origin opens
 * refused before anything runs.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GatewayStreamTest {

    static final String FEED = "/" + Feed.class.getName();
    static final ObjectMapper JSON = new ObjectMapper();
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void serverStream_isNdjsonByDefault_andServerSentEventsWhenAccepted() {
        HttpResponse<String> lines = fixture.post(FEED + "/count", "{\"from\":1,\"to\":5}");
        assertThat(lines.statusCode()).isEqualTo(200);
        assertThat(lines.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(StreamCalls.NDJSON));
        assertThat(lines.body()).isEqualTo("1\n2\n3\n4\n5\n");

        HttpResponse<String> events = fixture.post(FEED + "/count", "[7, 8]", "Accept", "text/event-stream");
        assertThat(events.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(StreamCalls.SSE));
        assertThat(events.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(events.body()).isEqualTo("data: 7\n\ndata: 8\n\nevent: end\ndata: \n\n");
    }

    @Test
    void getStream_takesItsArgumentsFromTheQuery() {
        HttpResponse<String> events = fixture.send(HttpRequest.newBuilder(fixture.uri(FEED + "/count?from=3&to=4"))
                .header("Accept", "text/event-stream")
                .GET()
                .build());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).startsWith("data: 3\n\ndata: 4\n\n");

        HttpResponse<String> bad = fixture.get(FEED + "/count?from=three&to=4");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("query parameter 'from': not JSON");
    }

    @Test
    void crossOriginOpen_isRefused_andNothingRuns() {
        int opened = fixture.feed.opened.get();
        HttpResponse<String> refused = fixture.send(HttpRequest.newBuilder(fixture.uri(FEED + "/count?from=1&to=2"))
                .header("Origin", "http://evil.example")
                .GET()
                .build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(fixture.feed.opened.get()).isEqualTo(opened);
    }

    @Test
    void streamThatTakesMessages_byPost_isSentToTheWebSocket() {
        HttpResponse<String> refused = fixture.post(FEED + "/echo", "[]");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("WebSocket");
    }

    @Test
    void webSocketBidiEcho_of10000Messages_arrivesInOrder() throws Exception {
        int count = 10_000;
        Collector collector = new Collector();
        WebSocket socket = fixture.http
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.gateway.port() + FEED + "/echo"), collector)
                .get(10, TimeUnit.SECONDS);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            socket.sendText("\"m" + i + "\"", true).get(10, TimeUnit.SECONDS);
        }
        socket.sendText("", true).get(10, TimeUnit.SECONDS); // the client's messages end
        assertThat(collector.closed.get(30, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        System.out.printf("WebSocket echo of %d messages: %d ms%n", count, (System.nanoTime() - started) / 1_000_000);
        assertThat(collector.texts).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(collector.texts.get(i)).isEqualTo("\"m" + i + "\"");
        }
    }

    @Test
    void webSocketClientStream_answersOnceTheMessagesEnd() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = fixture.http
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.gateway.port() + FEED + "/total"), collector)
                .get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 100; i++) {
            socket.sendText(Integer.toString(i), true).get(10, TimeUnit.SECONDS);
        }
        socket.sendText("", true).get(10, TimeUnit.SECONDS);
        assertThat(collector.closed.get(30, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        assertThat(collector.texts).containsExactly("5050");
    }

    @Test
    void webSocketMessageThatIsNotJson_failsTheStream_withItsCode() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = fixture.http
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.gateway.port() + FEED + "/total"), collector)
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{not json", true).get(10, TimeUnit.SECONDS);
        assertThat(collector.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1011);
        assertThat(collector.reason).startsWith("BAD_REQUEST");
    }

    /**
     * A client that asks for an endless stream of 1,000-byte messages and reads nothing: the provider
     * stops (flow control reaches it), the gateway holds at most its window of the stream, and closing
     * the socket cancels the provider's publisher.
     */
    @Test
    void stalledClient_stopsTheProvider_andHoldsAtMostTheWindow() throws Exception {
        int cancelled = fixture.feed.cancelled.get();
        long before = fixture.feed.emitted.get();
        try (Socket client = stalledStream(fixture.gateway.port(), 1000)) {
            long stable = awaitStable(fixture.feed.emitted);
            JsonNode metrics = JSON.readTree(fixture.get("/metrics").body());
            long emitted = stable - before;
            System.out.printf(
                    "stalled client: provider emitted %d messages of 1,000 bytes, then stopped; gateway held at"
                            + " most %d messages / %d bytes of the stream%n",
                    emitted,
                    metrics.path("streamHeldMessagesPeak").asLong(),
                    metrics.path("streamHeldBytesPeak").asLong());
            assertThat(metrics.path("streamHeldMessagesPeak").asLong()).isLessThanOrEqualTo(StreamWriter.WINDOW);
            // one NDJSON line: the 1,000 characters in quotes and a newline
            assertThat(metrics.path("streamHeldBytesPeak").asLong()).isLessThanOrEqualTo(StreamWriter.WINDOW * 1003L);
            // the socket buffers of both ends, the gateway's window and the consumer's stream window
            assertThat(emitted).isLessThan(5_000);
            assertThat(metrics.path("streams").asInt()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.feed.cancelled.get() > cancelled);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> JSON.readTree(fixture.get("/metrics").body())
                                .path("streams")
                                .asInt()
                        == 0);
    }

    @Test
    void streamsPerClient_overTheLimit_are429_andOthersGoOn() throws Exception {
        int before = fixture.feed.opened.get();
        try (Gateway limited = Gateway.start(
                        fixture.edge,
                        GatewayOptions.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .maxStreamsPerClient(2)
                                .build());
                Socket first = stalledStream(limited.port(), 10);
                Socket second = stalledStream(limited.port(), 10)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.feed.opened.get() == before + 2);
            HttpResponse<String> third = fixture.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + limited.port() + FEED + "/count"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[1, 2]"))
                            .build());
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).contains("2 streams open");
            assertThat(fixture.feed.opened.get()).isEqualTo(before + 2);
            assertThat(fixture.post("/" + io.courier.gateway.fixtures.OrderDesk.class.getName() + "/echo", "[\"x\"]")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    /** Opens {@code endless(size)} as NDJSON over a socket with a small receive buffer, and reads only the head. */
    private static Socket stalledStream(int port, int size) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        String body = "{\"size\":" + size + "}";
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + FEED + "/endless HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Accept: application/x-ndjson\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int read = 0;
        while (read < head.length) {
            int n = in.read(head, read, head.length - read);
            assertThat(n).isPositive();
            read += n;
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    /** The counter's value once it has not changed for a second. */
    private static long awaitStable(AtomicLong counter) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    long now = counter.get();
                    if (now != last[0]) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - since[0] > 1_000_000_000L && now > 0;
                });
        return last[0];
    }

    /** Collects a WebSocket's text messages, one at a time, and its close. */
    static final class Collector implements WebSocket.Listener {
        final List<String> texts = new ArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile String reason = "";
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.reason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
