package io.courier.transport;

import static io.courier.transport.Collector.subscribe;
import static io.courier.transport.RawStreamPeer.message;
import static io.courier.transport.RawStreamPeer.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.internal.Header;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client and bidirectional streams over real sockets: the consumer's messages under the provider's credit. */
@Timeout(60)
class ClientAndBidiStreamTest {

    private static final int WINDOW = 8;

    private final StreamProvider provider = new StreamProvider();
    private TransportServer server;
    private TransportClient client;

    private Invoker start() {
        server = Calls.server(
                Calls.options().streams(new StreamOptions(WINDOW, 100)).build(), provider.export());
        client = Calls.client(Calls.options().build());
        return client.invoker(Calls.endpoint(server), Calls.callOptions(10_000));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientStream_sumsEveryMessageAndTheProviderBoundsWhatTheConsumerSends() throws Exception {
        Invoker invoker = start();
        TestPublisher<Long> numbers = new TestPublisher<>(10_000, i -> i, null);
        Collector answer = subscribe(invoker, StreamProvider.call("sum", numbers), Collector.all());
        answer.done.get(30, TimeUnit.SECONDS);
        assertThat(answer.values).containsExactly(10_000L * 9_999 / 2);
        // The consumer's publisher was asked only for what the provider granted.
        assertThat(numbers.requested.get()).isLessThanOrEqualTo(10_000 + WINDOW);
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void bidiStream_echoesEveryMessageInOrder() throws Exception {
        Invoker invoker = start();
        TestPublisher<Long> numbers = new TestPublisher<>(20_000, i -> i, null);
        Collector echoed = subscribe(invoker, StreamProvider.call("echo", numbers), Collector.all());
        echoed.done.get(30, TimeUnit.SECONDS);
        assertThat(echoed.received).hasValue(20_000);
        assertThat(echoed.inOrder).isTrue();
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void bidiStream_slowConsumerOfEchoes_holdsBackTheConsumersOwnPublisher() throws Exception {
        Invoker invoker = start();
        TestPublisher<Long> numbers = new TestPublisher<>(-1, i -> i, null);
        Collector echoed = subscribe(invoker, StreamProvider.call("echo", numbers), new Collector(5, 5));
        await().until(() -> echoed.received.get() == 5);
        // Echoes not taken stop the provider asking for more, which stops the consumer's publisher:
        // at most the two windows (consumer's 128 for echoes, provider's 8 for numbers) in between.
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> numbers.requested.get() <= 5 + 128 + WINDOW);
        echoed.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> numbers.cancelled.get());
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void providerCancellingTheConsumersMessages_freesBothEnds() throws Exception {
        Invoker invoker = start();
        TestPublisher<Long> numbers = new TestPublisher<>(-1, i -> i, null);
        Collector answers = subscribe(invoker, StreamProvider.call("takeThenCancel", numbers, 3), Collector.all());
        RpcException failure = answers.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(failure.getMessage()).contains("provider cancelled stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> numbers.cancelled.get());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> provider.publishers.peek().cancelled.get());
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void consumerCancellingABidiStream_cancelsTheProviderAndItsOwnPublisher() throws Exception {
        Invoker invoker = start();
        TestPublisher<Long> numbers = new TestPublisher<>(-1, i -> i, null);
        Collector answers = subscribe(invoker, StreamProvider.call("hold", numbers), new Collector(1, 1));
        await().until(() -> server.streamStats().openStreams() == 1);
        answers.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> numbers.cancelled.get());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> provider.publishers.peek().cancelled.get());
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void hostileConsumer_messageAfterHalfCloseAndPastTheWindow_areRefused() throws Exception {
        start();
        try (RawStreamPeer peer = new RawStreamPeer(server.port())) {
            peer.write(open(1, 1, StreamProvider.call("hold", (Object) null)));
            RawStreamPeer.Frame window = peer.read();
            assertThat(window.kind()).isEqualTo(StreamFrameKind.WINDOW.number());
            peer.write(RawStreamPeer.kind(1, StreamFrameKind.HALF_CLOSE.number()), message(1, 7L));
            RawStreamPeer.Frame refused = peer.read();
            assertThat(refused.flags()).isEqualTo(Header.FLAG_STREAM);
            assertThat(refused.status()).isEqualTo(ErrorCode.BAD_REQUEST.code());
            assertThat(refused.message()).isEqualTo("stream 1: message after the consumer's half-close");

            peer.write(open(3, 1, StreamProvider.call("hold", (Object) null)));
            assertThat(peer.read().kind()).isEqualTo(StreamFrameKind.WINDOW.number());
            for (int i = 0; i <= WINDOW; i++) {
                peer.write(message(3, (long) i));
            }
            RawStreamPeer.Frame overflow = peer.read();
            assertThat(overflow.id()).isEqualTo(3);
            assertThat(overflow.message())
                    .isEqualTo("stream 3: window overflow: more messages than the credit granted");
        }
        await().until(() -> server.streamStats().openStreams() == 0);
    }
}
