package io.courier.transport.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.transport.ReconnectPolicy;
import io.courier.transport.internal.channel.Backoff;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An address that keeps refusing connections, on a fake clock: the pool rests it with growing
 * backoff, demotes it after {@code staleAfterMillis}, and takes it back at the first connect that
 * succeeds. The timer is stopped, so that only the test drives connects.
 */
class StaleAddressTest {

    private static final Endpoint ENDPOINT = Endpoint.of("127.0.0.1", 9);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();

    private final List<EndpointPool> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(EndpointPool::close);
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        timer.stop();
    }

    private CompletableFuture<ClientConnection> connect() {
        attempts.incrementAndGet();
        if (refusing.get()) {
            return CompletableFuture.failedFuture(new RpcException(ErrorCode.CONNECT_FAILED, "refused"));
        }
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        channels.add(channel);
        return CompletableFuture.completedFuture(new ClientConnection(channel, encoder, timer, ENDPOINT.toString()));
    }

    private EndpointPool pool(ConnectQueue queue) {
        timer.stop(); // no background retries: the test drives every connect
        EndpointPool pool = EndpointPools.of(
                ENDPOINT,
                1,
                new Backoff(100, 1_000, 0),
                timer,
                queue,
                new ReconnectPolicy(4, 1_000, 5_000, 60_000),
                this::connect,
                now::get);
        pools.add(pool);
        return pool;
    }

    @Test
    void addressRefusingLongerThanTheBound_isDemoted_triedRarely_andBackAtTheFirstSuccess() {
        EndpointPool pool = pool(new ConnectQueue(4, 1_000, timer, now::get));
        assertThat(pool.reachable()).as("nothing failed yet").isTrue();
        assertThat(pool.available()).as("no connection is ready").isFalse();

        while (!pool.demoted()) {
            assertThat(pool.acquire()).isCompletedExceptionally();
            assertThat(pool.available()).isFalse();
            assertThat(pool.reachable()).isFalse();
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        }
        long demotedAfter = TimeUnit.NANOSECONDS.toMillis(now.get() - 1_000_000_000L);
        RpcException resting = failure(pool.acquire());

        assertThat(demotedAfter).isBetween(5_000L, 7_000L);
        assertThat(resting.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(resting.notExecuted()).isTrue();
        int before = attempts.get();
        now.addAndGet(TimeUnit.SECONDS.toNanos(58));
        assertThat(pool.acquire()).isCompletedExceptionally();
        assertThat(attempts.get()).as("no connect within the demoted rest").isEqualTo(before);

        refusing.set(false);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(pool.acquire().join()).isNotNull();
        assertThat(pool.demoted()).isFalse();
        assertThat(pool.available()).isTrue();
        assertThat(pool.reachable()).isTrue();
    }

    @Test
    void callDrivenReconnects_areBoundedByTheClientsRate_howeverManyAddressesFail() {
        ConnectQueue queue = new ConnectQueue(4, 10, timer, now::get);
        for (int i = 0; i < 100; i++) {
            pool(queue);
        }
        pools.forEach(pool -> assertThat(pool.acquire()).isCompletedExceptionally());
        assertThat(attempts.get())
                .as("a first connect of each address is not budgeted")
                .isEqualTo(100);

        // 10 s, every address asked every 100 ms once its rest is over: at most 10 per second get to connect
        for (int tick = 0; tick < 100; tick++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            pools.forEach(pool -> assertThat(pool.acquire()).isCompletedExceptionally());
        }

        assertThat(attempts.get() - 100).isBetween(90, 110);
    }

    private static RpcException failure(CompletableFuture<?> future) {
        return (RpcException) future.handle((r, e) -> e).join();
    }
}
