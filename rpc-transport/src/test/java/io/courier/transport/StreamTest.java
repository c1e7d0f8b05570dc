package io.courier.transport;

import static io.courier.transport.Collector.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server streams over real sockets: order, flow control, cancellation, errors, deadline, limits, shutdown. */
@Timeout(60)
class StreamTest {

    private static final Logger log = LoggerFactory.getLogger(StreamTest.class);

    /**
     * Messages of the ordering test: the million (15 s on a quiet 2-core machine with the
     * paranoid leak detector, 34 s at a load average of 15); {@code -Dcourier.test.stream.messages}
     * sets another count.
     */
    private static final long MESSAGES = Long.getLong("courier.test.stream.messages", 1_000_000);

    private final StreamProvider provider = new StreamProvider();
    private TransportServer server;
    private TransportClient client;
    private ScheduledExecutorService reader;

    private Invoker start(StreamOptions serverStreams, StreamOptions clientStreams) {
        server = Calls.server(Calls.options().streams(serverStreams).build(), provider.export());
        client = Calls.client(Calls.options().streams(clientStreams).build());
        return client.invoker(Calls.endpoint(server), Calls.callOptions(10_000));
    }

    private Invoker start() {
        return start(StreamOptions.defaults(), StreamOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(300) // a million messages on a loaded machine
    void serverStream_deliversEveryMessageInOrder() throws Exception {
        Invoker invoker = start();
        long started = System.nanoTime();
        Collector collector = subscribe(invoker, StreamProvider.call("count", MESSAGES), Collector.all());
        collector.done.get(280, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.info("{} stream messages in {} ms", MESSAGES, millis);
        assertThat(collector.received).hasValue(MESSAGES);
        assertThat(collector.inOrder).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streamStats().openStreams() == 0);
        assertThat(client.streamStats().openStreams()).isZero();
        // Every message counted once on each side, with the same payload bytes.
        assertThat(server.streamStats().messagesSent()).isEqualTo(MESSAGES);
        assertThat(client.streamStats().messagesReceived()).isEqualTo(MESSAGES);
        assertThat(server.streamStats().messagesReceived()).isZero();
        assertThat(client.streamStats().messagesSent()).isZero();
        assertThat(client.streamStats().bytesReceived())
                .isEqualTo(server.streamStats().bytesSent())
                .isGreaterThanOrEqualTo(MESSAGES);
    }

    @Test
    void slowReader_keepsTheWritersQueuedBytesUnderTheWindow() throws Exception {
        int window = 16;
        int size = 1_000;
        Invoker invoker = start(StreamOptions.defaults(), new StreamOptions(window, 1_000));
        Collector collector = subscribe(invoker, StreamProvider.call("blobs", 100, size), new Collector(1, 0));
        TestPublisher<?> publisher = await().until(() -> provider.publishers.peek(), p -> p != null);
        long[] mostAhead = {0};
        reader = Executors.newSingleThreadScheduledExecutor();
        // One message per 10 ms: the reader takes one, and asks for the next.
        reader.scheduleAtFixedRate(
                () -> {
                    mostAhead[0] = Math.max(mostAhead[0], publisher.emitted.get() - collector.received.get());
                    if (collector.received.get() < 100) {
                        collector.request(1);
                    }
                },
                10,
                10,
                TimeUnit.MILLISECONDS);
        collector.done.get(30, TimeUnit.SECONDS);
        // Header, kind byte, the test serializer's tag and length, the bytes; Netty adds 96 bytes of
        // bookkeeping per buffer it holds (io.netty.transport.outboundBufferEntrySizeOverhead).
        long frame = 16 + 1 + 5 + size + 96;
        log.info(
                "slow reader: peak queued stream bytes {} (window {} x frame {} = {}); publisher at most {} ahead",
                server.streamStats().peakQueuedBytes(),
                window,
                frame,
                window * frame,
                mostAhead[0]);
        assertThat(collector.received).hasValue(100);
        assertThat(server.streamStats().peakQueuedBytes()).isPositive().isLessThanOrEqualTo(window * frame);
        assertThat(publisher.requested.get()).isLessThanOrEqualTo(100 + window);
        assertThat(mostAhead[0]).isLessThanOrEqualTo(window);
    }

    @Test
    void consumerCancel_freesBothEnds() throws Exception {
        Invoker invoker = start();
        Collector collector = subscribe(invoker, StreamProvider.call("endless"), new Collector(10, 10));
        await().until(() -> collector.received.get() == 10);
        assertThat(server.streamStats().openStreams()).isEqualTo(1);
        collector.cancel();
        TestPublisher<?> publisher = provider.publishers.peek();
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.cancelled.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streamStats().openStreams() == 0);
        assertThat(client.streamStats().openStreams()).isZero();
        assertThat(collector.done).isNotDone();
    }

    @Test
    void providerError_reachesTheConsumerWithItsCodeAfterTheMessagesBeforeIt() throws Exception {
        Invoker invoker = start();
        Collector coded = subscribe(invoker, StreamProvider.call("failAfter", 5, "FORBIDDEN"), Collector.all());
        RpcException failure = coded.failure();
        assertThat(coded.values).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(failure.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(failure.getMessage()).contains("refused mid-stream");

        Collector business = subscribe(invoker, StreamProvider.call("failAfter", 2, "business"), Collector.all());
        RpcException thrown = business.failure();
        assertThat(thrown.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(thrown.getMessage()).contains("java.lang.IllegalStateException: out of stock");
        await().until(() ->
                server.streamStats().openStreams() == 0 && client.streamStats().openStreams() == 0);
    }

    @Test
    void deadline_endsTheWholeStreamAndCancelsTheProvider() throws Exception {
        Invoker invoker = start();
        Invocation endless = StreamProvider.call("endless")
                .withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
        Collector collector = subscribe(invoker, endless, new Collector(1, 1));
        RpcException failure = collector.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failure.getMessage()).contains("did not end within its deadline");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> provider.publishers.peek().cancelled.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streamStats().openStreams() == 0);
    }

    @Test
    void opensPastTheConnectionsLimit_areRefusedNotExecuted() throws Exception {
        Invoker invoker = start(new StreamOptions(128, 3), StreamOptions.defaults());
        List<Collector> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Collector collector = subscribe(invoker, StreamProvider.call("endless"), new Collector(1, 1));
            await().until(() -> collector.received.get() == 1);
            open.add(collector);
        }
        Collector refused = subscribe(invoker, StreamProvider.call("endless"), new Collector(1, 1));
        RpcException failure = refused.failure();
        assertThat(failure.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.getMessage()).contains("too many open streams on this connection: 3");
        open.forEach(Collector::cancel);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.streamStats().openStreams() == 0);
        Collector after = subscribe(invoker, StreamProvider.call("count", 3L), Collector.all());
        after.done.get(10, TimeUnit.SECONDS);
        assertThat(after.values).containsExactly(0L, 1L, 2L);
    }

    @Test
    void close_letsStreamsFinishWithinTheDrainTimeThenEndsTheRestWithGoingAway() throws Exception {
        server = Calls.server(Calls.options().shutdownTimeoutMillis(1_500).build(), provider.export());
        client = Calls.client(Calls.options().build());
        Invoker invoker = client.invoker(Calls.endpoint(server), Calls.callOptions(10_000));
        Collector finishing = subscribe(invoker, StreamProvider.call("count", 30L), new Collector(1, 100));
        Collector endless = subscribe(invoker, StreamProvider.call("endless"), new Collector(1, 1));
        await().until(() -> finishing.received.get() == 1 && endless.received.get() == 1);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> server.close());
        await().atMost(Duration.ofSeconds(5)).until(() -> openAfterGoingAway(invoker) != null);
        // The finishing stream's reader takes one message per 10 ms: about 300 ms of the 1,500.
        reader = Executors.newSingleThreadScheduledExecutor();
        reader.scheduleAtFixedRate(() -> finishing.request(1), 10, 10, TimeUnit.MILLISECONDS);

        finishing.done.get(10, TimeUnit.SECONDS);
        assertThat(finishing.received).hasValue(30);
        assertThat(finishing.inOrder).isTrue();
        RpcException cut = endless.failure();
        assertThat(cut.code()).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(cut.getMessage()).contains("server shut down before stream");
        closed.get(10, TimeUnit.SECONDS);
        assertThat(provider.publishers).allSatisfy(p -> assertThat(p.cancelled.get() || p.emitted.get() == 30)
                .isTrue());
        assertThat(server.streamStats().openStreams()).isZero();
        assertThat(client.streamStats().openStreams()).isZero();
    }

    /** A stream opened now; its failure once the client knows the server is going away, else null. */
    private static RpcException openAfterGoingAway(Invoker invoker) throws Exception {
        try {
            // Refused when the call picks the connection, or when its open frame would be sent.
            Collector late = subscribe(invoker, StreamProvider.call("count", 1L), Collector.all());
            late.done.get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            RpcException refused = Calls.rpcException(e.getCause());
            assertThat(refused.code()).isEqualTo(ErrorCode.GOING_AWAY);
            assertThat(refused.notExecuted()).isTrue();
            return refused;
        }
    }
}
