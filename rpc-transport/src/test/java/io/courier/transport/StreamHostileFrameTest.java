package io.courier.transport;

import static io.courier.transport.RawStreamPeer.kind;
import static io.courier.transport.RawStreamPeer.message;
import static io.courier.transport.RawStreamPeer.open;
import static io.courier.transport.RawStreamPeer.ping;
import static io.courier.transport.RawStreamPeer.request;
import static io.courier.transport.RawStreamPeer.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.internal.Header;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stream frames a hostile or broken consumer writes by hand: each is refused with an error frame
 * that says why, the connection carries on, and nothing is left open (the leak detector runs).
 */
@Timeout(60)
class StreamHostileFrameTest {

    private static final int LIMIT = 100;

    private final StreamProvider provider = new StreamProvider();
    private TransportServer server;
    private RawStreamPeer peer;

    @BeforeEach
    void start() throws Exception {
        server = Calls.server(
                Calls.options().streams(new StreamOptions(128, LIMIT)).build(), provider.export());
        peer = new RawStreamPeer(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
        server.close();
    }

    private void assertConnectionCarriesOn() throws Exception {
        peer.write(ping(999));
        RawStreamPeer.Frame pong = peer.read();
        assertThat(pong.flags()).isEqualTo(Header.FLAG_HEARTBEAT | Header.FLAG_RESPONSE);
        assertThat(pong.id()).isEqualTo(999);
    }

    private void assertError(RawStreamPeer.Frame frame, long id, ErrorCode code, String message) {
        assertThat(frame.flags()).isEqualTo(Header.FLAG_STREAM);
        assertThat(frame.id()).isEqualTo(id);
        assertThat(frame.kind()).isEqualTo(StreamFrameKind.ERROR.number());
        assertThat(frame.status()).isEqualTo(code.code());
        assertThat(frame.message()).isEqualTo(message);
    }

    @Test
    void plainCallOfAStreamMethod_isRefusedNotExecuted() throws Exception {
        peer.write(request(5, StreamProvider.call("count", 3L)));

        RawStreamPeer.Frame answer = peer.read();
        assertThat(answer.flags() & Header.FLAG_RESPONSE).isNotZero();
        assertThat(answer.id()).isEqualTo(5);
        assertThat(answer.status()).isEqualTo(ErrorCode.BAD_REQUEST.code());
        assertThat(provider.publishers).as("the method never ran").isEmpty();
        assertConnectionCarriesOn();
    }

    @Test
    void messageForAnUnknownStream_isRefusedAndTheConnectionCarriesOn() throws Exception {
        peer.write(message(77, 1L));
        assertError(peer.read(), 77, ErrorCode.BAD_REQUEST, "MESSAGE for unknown stream 77");
        assertConnectionCarriesOn();
    }

    @Test
    void messageAfterTheConsumersHalfClose_endsTheStreamAndCancelsThePublisher() throws Exception {
        peer.write(open(1, 0, StreamProvider.call("silent")));
        await().until(() -> server.streamStats().openStreams() == 1 && provider.publishers.size() == 1);
        peer.write(message(1, 5L));
        assertError(
                peer.read(),
                1,
                ErrorCode.BAD_REQUEST,
                "stream 1: message after the consumer's half-close (a server stream takes none)");
        assertThat(provider.publishers.peek().cancelled).isTrue();
        assertThat(server.streamStats().openStreams()).isZero();
        assertConnectionCarriesOn();
    }

    @Test
    void windowOverflow_endsTheStream() throws Exception {
        peer.write(open(3, 0, StreamProvider.call("silent")), window(3, Integer.MAX_VALUE));
        await().until(() -> provider.publishers.size() == 1
                && provider.publishers.peek().requested.get() == Integer.MAX_VALUE);
        peer.write(window(3, 1));
        assertError(peer.read(), 3, ErrorCode.BAD_REQUEST, "stream 3: window overflow: credit over 2^31-1 messages");
        assertThat(provider.publishers.peek().cancelled).isTrue();
        assertThat(server.streamStats().openStreams()).isZero();
        assertConnectionCarriesOn();
    }

    @Test
    void consumerThatNeverCancels_isEndedAtItsBudget() throws Exception {
        peer.write(open(6, 1, StreamProvider.call("silent").withAttachment("courier.deadline-ms", "300")));
        assertError(peer.read(), 6, ErrorCode.TIMEOUT, "stream 6 did not end within the consumer's budget");
        assertThat(provider.publishers.peek().cancelled).isTrue();
        assertThat(server.streamStats().openStreams()).isZero();
        assertConnectionCarriesOn();
    }

    @Test
    void unknownFrameKind_isRefused() throws Exception {
        peer.write(kind(5, 9));
        assertError(peer.read(), 5, ErrorCode.BAD_REQUEST, "stream 5: unknown stream frame kind 9 (expected: 1 to 6)");
        assertConnectionCarriesOn();
    }

    @Test
    void openOnAMethodThatIsNoStream_isRefusedNotExecuted() throws Exception {
        peer.write(open(4, 1, StreamProvider.call("plain", "x")));
        assertError(
                peer.read(),
                4,
                ErrorCode.BAD_REQUEST,
                "method plain(java.lang.String) is not a stream (expected: a method returning Flow.Publisher)");
        assertThat(server.streamStats().openStreams()).isZero();
        assertConnectionCarriesOn();
    }

    @Test
    void tenThousandOpensOnOneConnection_areRefusedPastTheLimitAndFreedOnClose() throws Exception {
        ByteArrayOutputStream opens = new ByteArrayOutputStream();
        for (int id = 1; id <= 10_000; id++) {
            opens.write(open(id, 1, StreamProvider.call("silent")));
        }
        peer.write(opens.toByteArray());
        int refused = 0;
        for (int i = 0; i < 10_000 - LIMIT; i++) {
            RawStreamPeer.Frame frame = peer.read();
            assertThat(frame.status()).isEqualTo(ErrorCode.SERVER_BUSY.code());
            assertThat(frame.message())
                    .isEqualTo("too many open streams on this connection: " + LIMIT
                            + " (expected: fewer; courier.server.streams.max-per-connection on the provider)");
            refused++;
        }
        assertThat(refused).isEqualTo(10_000 - LIMIT);
        await().until(() -> provider.publishers.size() == LIMIT);
        assertThat(server.streamStats().openStreams()).isEqualTo(LIMIT);
        assertConnectionCarriesOn();

        peer.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.streamStats().openStreams() == 0);
        assertThat(provider.publishers).allSatisfy(p -> assertThat(p.cancelled).isTrue());
    }
}
