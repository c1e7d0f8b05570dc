package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that asks for large answers and reads none: once its connection holds the high water mark,
 * the server runs no more of its calls, so what it holds stays at the mark plus the answers of the
 * calls already running, however much the peer asks for.
 */
@Timeout(60)
class UnreadAnswersTest {

    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;
    private static final int THREADS = 2;
    /**
     * Room for the calls of a few reads: with a queue of 2, most requests of each read were refused
     * SERVER_BUSY and, at a load average of 15 to 20, too few ran for their answers to outgrow the
     * kernel's socket buffers within 20 s. The bound below grows with it, still far under what the
     * peer asks for.
     */
    private static final int QUEUE = 32;

    private static final int ANSWER = 32 * 1024;
    /**
     * Far more than the pool takes; the accepted ones must be enough to fill the sockets' buffers to
     * the mark (with 1,000 requests and a queue of 2, 44 were accepted in one loaded run and all their
     * answers fit in the kernel's buffers).
     */
    private static final int REQUESTS = 4_000;

    private final TestProvider provider = new TestProvider();
    private TransportServer server;
    private TransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close(0);
        }
        provider.close();
    }

    @Test
    void peerThatDoesNotRead_isHeldToTheHighWaterMarkPlusItsRunningCalls() throws Exception {
        server = Calls.server(
                Calls.options()
                        .writeBufferWaterMarks(LOW, HIGH)
                        .executorThreads(THREADS)
                        .executorQueueSize(QUEUE)
                        .build(),
                provider.export(ExecutorKind.POOL));
        FrameEncoder encoder = new FrameEncoder(Calls.options().build().protocol());
        AtomicLong maxQueued = new AtomicLong();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4 * 1024);
            // The requests must all be written even after the server stops reading a saturated connection.
            stalled.setSendBufferSize(4 * 1024 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            OutputStream out = stalled.getOutputStream();
            for (int id = 1; id <= REQUESTS; id++) {
                ByteBuf frame = encoder.encode(
                        UnpooledByteBufAllocator.DEFAULT,
                        new OutboundRequest(id, Calls.blob(ANSWER), TestSerializer.INSTANCE, false));
                byte[] bytes = new byte[frame.readableBytes()];
                frame.readBytes(bytes);
                frame.release();
                out.write(bytes);
            }
            out.flush();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        maxQueued.accumulateAndGet(server.stats().queuedOutboundBytes(), Math::max);
                        return server.stats().queuedOutboundBytes() >= HIGH
                                && server.stats().inFlight() == 0;
                    });

            client = Calls.client(Calls.options().build());
            var invoker = client.invoker(Calls.endpoint(server), callOptions(5_000));
            assertThat(value(invoker.invoke(echo(new byte[] {7})), 10)).isEqualTo(new byte[] {7});
            maxQueued.accumulateAndGet(server.stats().queuedOutboundBytes(), Math::max);
        }

        long bound = HIGH + (long) (THREADS + QUEUE) * (ANSWER + 64) + (long) REQUESTS * 128;
        assertThat(maxQueued.get()).isLessThanOrEqualTo(bound);
        assertThat((long) REQUESTS * ANSWER).as("asked for far more").isGreaterThan(20 * bound);
        assertThat(provider.executed.get())
                .as("calls run for the peer that does not read")
                .isLessThan(REQUESTS / 2);
    }
}
