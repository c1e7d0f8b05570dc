package io.courier.transport.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.internal.Header;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.channel.Backoff;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointPoolTest {

    interface Greeter {
        String greet(String name);
    }

    private static final Invocation CALL = Invocation.of(
            ServiceKey.of(Greeter.class),
            ServiceDescriptor.of(Greeter.class).methods().get(0),
            new Object[] {"x"});
    private static final CallOptions OPTIONS = CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 60_000);
    private static final Endpoint ENDPOINT = Endpoint.of("127.0.0.1", 9);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<CompletableFuture<ClientConnection>> refusals = new ArrayList<>();

    @AfterEach
    void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        timer.stop();
    }

    private CompletableFuture<ClientConnection> connect() {
        if (!refusals.isEmpty()) {
            return refusals.remove(0);
        }
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        channels.add(channel);
        return CompletableFuture.completedFuture(new ClientConnection(channel, encoder, timer, ENDPOINT.toString()));
    }

    @Test
    void pick_connectsLazilyAndThenReusesTheConnection() {
        EndpointPool pool = EndpointPools.of(ENDPOINT, 1, new Backoff(100, 1_000, 0), this::connect);
        assertThat(channels).isEmpty();

        ClientConnection first = pool.acquire().join();

        assertThat(pool.pick()).isSameAs(first);
        assertThat(channels).hasSize(1);
    }

    @Test
    void goingAway_takesNoNewCallAndThePoolMovesToANewConnection() {
        EndpointPool pool = EndpointPools.of(ENDPOINT, 1, new Backoff(100, 1_000, 0), this::connect);
        ClientConnection old = pool.acquire().join();
        CompletableFuture<RpcResult> racing = old.send(CALL, OPTIONS);

        old.goingAway();
        channels.get(0).runPendingTasks();

        RpcException refused = (RpcException) racing.handle((r, e) -> e).join();
        assertThat(refused.code()).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(refused.notExecuted()).isTrue();
        assertThat(old.usable()).isFalse();
        ClientConnection replacement = pool.acquire().join();
        assertThat(replacement).isNotSameAs(old);
        assertThat(pool.pick()).isSameAs(replacement);
        // Only the acknowledging ping left on the old connection, and then it closed.
        List<ByteBuf> sent = new ArrayList<>();
        ByteBuf out;
        while ((out = channels.get(0).readOutbound()) != null) {
            if (out.isReadable()) {
                sent.add(out);
            } else {
                out.release();
            }
        }
        try {
            assertThat(sent).singleElement().satisfies(ping -> assertThat(
                            (int) ping.getUnsignedByte(Header.FLAGS_OFFSET))
                    .isEqualTo(Header.FLAG_HEARTBEAT));
        } finally {
            sent.forEach(ByteBuf::release);
        }
        assertThat(channels.get(0).isOpen()).isFalse();
    }

    @Test
    void failedConnect_restsTheEndpointThenTriesAgain() {
        EndpointPool pool = EndpointPools.of(ENDPOINT, 1, new Backoff(100, 1_000, 0), this::connect, now::get);
        refusals.add(CompletableFuture.failedFuture(new RpcException(ErrorCode.CONNECT_FAILED, "refused")));

        assertThat(pool.acquire()).isCompletedExceptionally();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(99));
        CompletableFuture<ClientConnection> resting = pool.acquire();
        RpcException rest = (RpcException) resting.handle((r, e) -> e).join();
        assertThat(rest.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(rest.notExecuted()).isTrue();
        assertThat(rest.getMessage()).contains("next in");

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(pool.acquire().join()).isNotNull();
    }

    @Test
    void closedPool_failsCallsWithClosed() {
        EndpointPool pool = EndpointPools.of(ENDPOINT, 2, new Backoff(100, 1_000, 0), this::connect);
        pool.acquire().join();

        pool.close();

        RpcException closed = (RpcException) pool.acquire().handle((r, e) -> e).join();
        assertThat(closed.code()).isEqualTo(ErrorCode.CLOSED);
        assertThat(channels.get(0).isOpen()).isFalse();
    }
}
