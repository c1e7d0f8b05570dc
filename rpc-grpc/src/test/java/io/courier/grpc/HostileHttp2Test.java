package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.StringValue;
import io.courier.bootstrap.Courier;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Hostile HTTP/2 on the provider's shared port: each attack is cut or refused at its limit, no call
 * runs for a stream reset before it started, and a Courier consumer on the same port keeps its calls
 * succeeding throughout (checked after every attack).
 */
@Timeout(180)
class HostileHttp2Test {

    private static final String SLOW = "/" + Probe.class.getName() + "/Slow";

    private static Courier provider;
    private static GrpcProviderPathTest.Greeter greeter;
    /** What reaches the end of a pipeline unhandled: Netty logs it at WARN with its stack trace. */
    private static final ListAppender<ILoggingEvent> PIPELINE_TAIL = new ListAppender<>();

    @BeforeAll
    static void start() {
        PIPELINE_TAIL.start();
        ((Logger) LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline")).addAppender(PIPELINE_TAIL);
        provider = Courier.builder()
                .application("grpc-hostile")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.server.threads", "1")
                .property("courier.server.queue-capacity", "20000")
                .export(new GrpcProviderPathTest.ProbeService())
                .export(new GrpcProviderPathTest.FriendlyGreeter())
                .start();
        greeter = provider.reference(GrpcProviderPathTest.Greeter.class);
    }

    @AfterAll
    static void stop() {
        provider.close();
        ((Logger) LoggerFactory.getLogger("io.netty.channel.DefaultChannelPipeline")).detachAppender(PIPELINE_TAIL);
        // every attack's protocol error ended as one DEBUG line, none as a WARN stack trace at the tail
        assertThat(PIPELINE_TAIL.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    @BeforeEach
    void reset() {
        GrpcProviderPathTest.SLOW_RUNS.set(0);
    }

    @Test
    void rapidReset_closesTheConnection_andNoResetCallRuns() throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger courierCalls = new AtomicInteger();
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> {
            while (attacking.get() && courierCalls.get() < 10_000) {
                assertThat(greeter.greet("during")).isEqualTo("hello, during");
                courierCalls.incrementAndGet();
            }
        });
        try (RawHttp2 peer = new RawHttp2(provider.port())) {
            byte[] headers = peer.requestHeaders(SLOW);
            // the first call holds the only executor thread for 2 s, longer than the attack lasts before the cut
            byte[] body = RawHttp2.message(StringValue.of("2000").toByteArray());
            for (int i = 0; i < 10_000 && !peer.closed.isDone(); i++) {
                int stream = 1 + 2 * i;
                peer.frame(RawHttp2.HEADERS, 0x4, stream, headers); // END_HEADERS
                peer.frame(RawHttp2.DATA, 0x1, stream, body); // END_STREAM: the call is complete
                peer.frame(RawHttp2.RST_STREAM, 0, stream, RawHttp2.int32(8)); // CANCEL
                if (i % 100 == 0) {
                    peer.flush();
                }
            }
            peer.flush();
            peer.closed.get(30, TimeUnit.SECONDS);
            assertThat(peer.count(RawHttp2.GOAWAY))
                    .as("told why before the close")
                    .isEqualTo(1);
        } catch (SocketException cutOff) {
            // the server closed while the attack was still writing: the cut is what is tested
        }
        attacking.set(false);
        consumer.get(30, TimeUnit.SECONDS);
        // only a call that started before its reset arrived may have run: the first, which holds the
        // only executor thread while the others queue and are reset there (and a second only if the
        // machine stalled the attack for the first call's 2 s)
        assertThat(GrpcProviderPathTest.SLOW_RUNS.get()).isLessThanOrEqualTo(2);
        assertThat(courierCalls.get()).isPositive();
        assertThat(greeter.greet("after")).isEqualTo("hello, after");
    }

    @Test
    void tenThousandConcurrentStreams_pastTheLimitAreRefused() throws Exception {
        try (RawHttp2 peer = new RawHttp2(provider.port())) {
            byte[] headers = peer.requestHeaders(SLOW);
            try {
                for (int i = 0; i < 10_000; i++) {
                    // opened and left open: no END_STREAM, no message
                    peer.frame(RawHttp2.HEADERS, 0x4, 1 + 2 * i, headers);
                }
                peer.flush();
            } catch (SocketException cutOff) {
                // the server closed the connection while the streams were still being opened: refused,
                // which the wait below sees as the connection closed
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> peer.count(RawHttp2.RST_STREAM) >= 9_000 || peer.closed.isDone());
            assertThat(peer.count(RawHttp2.RST_STREAM) + (peer.closed.isDone() ? 9_000 : 0))
                    .isGreaterThanOrEqualTo(9_000);
        }
        assertThat(GrpcProviderPathTest.SLOW_RUNS.get()).isZero();
        assertThat(greeter.greet("after")).isEqualTo("hello, after");
    }

    @Test
    void continuationFlood_isCutAtTheHeaderLimit() throws Exception {
        try (RawHttp2 peer = new RawHttp2(provider.port())) {
            byte[] headers = peer.requestHeaders(SLOW);
            peer.frame(RawHttp2.HEADERS, 0, 1, headers); // no END_HEADERS
            byte[] junk = new byte[1024];
            try {
                for (int i = 0; i < 10_000 && !peer.closed.isDone(); i++) {
                    peer.frame(RawHttp2.CONTINUATION, 0, 1, junk);
                }
                peer.flush();
            } catch (SocketException cutOff) {
                // closed mid-flood
            }
            peer.closed.get(30, TimeUnit.SECONDS);
        }
        assertThat(greeter.greet("after")).isEqualTo("hello, after");
    }

    @Test
    void settingsFlood_andWindowUpdateOverflow_closeTheConnection() throws Exception {
        try (RawHttp2 peer = new RawHttp2(provider.port())) {
            peer.frame(RawHttp2.WINDOW_UPDATE, 0, 0, RawHttp2.int32(0x7FFF_FFFF));
            peer.frame(RawHttp2.WINDOW_UPDATE, 0, 0, RawHttp2.int32(0x7FFF_FFFF));
            peer.flush();
            peer.closed.get(30, TimeUnit.SECONDS);
            assertThat(peer.count(RawHttp2.GOAWAY)).isEqualTo(1);
        }
        // a peer that floods SETTINGS and never reads the acknowledgements: they pile up on the server
        // until its limit of queued control frames, which closes the connection
        try (RawHttp2 peer = new RawHttp2(provider.port(), false)) {
            try {
                for (int i = 0; i < 1_000_000; i++) {
                    peer.frame(RawHttp2.SETTINGS, 0, 0, new byte[0]);
                }
                peer.flush();
            } catch (SocketException cutOff) {
                // closed mid-flood
            }
            peer.startReading();
            // the acknowledgements fill the loopback's socket buffers (megabytes) before they queue up at
            // the server: about 25 s of flooding on a 2-core machine
            peer.closed.get(90, TimeUnit.SECONDS);
        }
        assertThat(greeter.greet("after")).isEqualTo("hello, after");
    }

    @Test
    void aMessageLengthOf2GiB_endsTheCallResourceExhausted_andNothingRuns() throws Exception {
        try (RawHttp2 peer = new RawHttp2(provider.port())) {
            peer.frame(RawHttp2.HEADERS, 0x4, 1, peer.requestHeaders(SLOW));
            peer.frame(RawHttp2.DATA, 0, 1, new byte[] {0, (byte) 0x80, 0, 0, 0});
            peer.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> peer.headers(1).contains("grpc-status"));
            Http2Headers answer = peer.headers(1);
            assertThat(answer.get("grpc-status").toString()).isEqualTo("8");
            assertThat(answer.get("grpc-message").toString()).contains("2147483648");
        }
        assertThat(GrpcProviderPathTest.SLOW_RUNS.get()).isZero();
    }
}
