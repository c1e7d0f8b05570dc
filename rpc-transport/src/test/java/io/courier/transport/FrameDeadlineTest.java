package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invoker;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FrameDeadlineTest {

    private static final long DEADLINE_MILLIS = 1_000;

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        // The idle limit (90 s) is far away: only the frame deadline can close the slow peers.
        TransportOptions options = Calls.options()
                .heartbeatIntervalMillis(30_000)
                .frameDeadlineMillis(DEADLINE_MILLIS)
                .build();
        peers = new Peers(options, ExecutorKind.DIRECT);
    }

    @Test
    void halfHeadersAndTricklers_areCutOffWhileANormalClientIsServed() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(5_000));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ExecutorService normal = Executors.newSingleThreadExecutor();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (RawPeers raw = new RawPeers()) {
            Future<?> normalCalls = normal.submit(() -> {
                while (running.get()) {
                    byte[] payload = {(byte) served.get()};
                    byte[] answer = (byte[]) invoker.invoke(echo(payload))
                            .get(5, TimeUnit.SECONDS)
                            .value();
                    assertThat(answer).isEqualTo(payload);
                    served.incrementAndGet();
                    Thread.sleep(10);
                }
                return null;
            });

            List<SocketChannel> halfHeaders = raw.open(peers.server.port(), 200);
            for (SocketChannel peer : halfHeaders) {
                assertThat(raw.write(peer, RawPeers.headerPrefix(15))).isTrue();
            }
            List<SocketChannel> tricklers = raw.open(peers.server.port(), 20);
            byte[] header = RawPeers.headerPrefix(16);
            AtomicInteger sent = new AtomicInteger();
            trickle.scheduleAtFixedRate(
                    () -> {
                        int index = sent.getAndIncrement() % header.length;
                        for (SocketChannel peer : tricklers) {
                            raw.write(peer, new byte[] {header[index]});
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThat(raw.awaitClosed(halfHeaders, 10_000)).isEqualTo(200);
            assertThat(raw.awaitClosed(tricklers, 10_000)).isEqualTo(20);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(DEADLINE_MILLIS - 100);

            int before = served.get();
            Thread.yield();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> served.get() > before + 5);
            running.set(false);
            normalCalls.get(10, TimeUnit.SECONDS);
            assertThat(peers.server.stats().openConnections()).isEqualTo(1);
        } finally {
            running.set(false);
            trickle.shutdownNow();
            normal.shutdownNow();
        }
    }
}
