package io.courier.transport;

import static io.courier.transport.Collector.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server closing with open streams: new opens are refused "not executed", a stream that ends
 * within the shutdown time ends normally, one that does not is ended with GOING_AWAY.
 */
@Timeout(60)
class StreamShutdownTest {

    private final StreamProvider provider = new StreamProvider();
    private TransportServer server;
    private TransportClient client;
    private ScheduledExecutorService reader;

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
