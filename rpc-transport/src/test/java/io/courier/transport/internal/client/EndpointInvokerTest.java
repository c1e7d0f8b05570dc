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
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.channel.Backoff;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every path of a call through {@link EndpointInvoker} ends its future, also when sending throws. */
@Timeout(10)
class EndpointInvokerTest {

    interface Greeter {
        String greet(String name);
    }

    private static final Invocation CALL = Invocation.of(
            ServiceKey.of(Greeter.class),
            ServiceDescriptor.of(Greeter.class).methods().get(0),
            new Object[] {"x"});
    private static final CallOptions OPTIONS = CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 60_000);
    private static final Endpoint ENDPOINT = Endpoint.of("127.0.0.1", 9);

    // A stopped timer cannot schedule a call's timeout: registering the call throws, as when the
    // client is closing while a call is being sent.
    private final HashedWheelTimer stoppedTimer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        stoppedTimer.stop();
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    private ClientConnection connectionWithStoppedTimer() {
        stoppedTimer.stop();
        EmbeddedChannel channel = new EmbeddedChannel(encoder);
        channels.add(channel);
        return new ClientConnection(channel, encoder, stoppedTimer, ENDPOINT.toString());
    }

    private static EndpointInvoker invoker(Supplier<CompletableFuture<ClientConnection>> connector) {
        return new EndpointInvoker(EndpointPools.of(ENDPOINT, 1, new Backoff(100, 1_000, 0), connector), OPTIONS);
    }

    private static RpcException failureOf(CompletableFuture<RpcResult> call) {
        assertThat(call).isCompletedExceptionally();
        Throwable failure = call.handle((r, e) -> e).join();
        assertThat(failure).isInstanceOf(RpcException.class);
        return (RpcException) failure;
    }

    @Test
    void invoke_onAReadyConnectionThatCannotSend_failsTheCallNotExecuted() {
        ClientConnection connection = connectionWithStoppedTimer();
        EndpointInvoker invoker = invoker(() -> CompletableFuture.completedFuture(connection));
        invoker.invoke(CALL); // connects the pool's slot
        assertThat(invoker.available()).isTrue();

        RpcException failure = failureOf(invoker.invoke(CALL));

        assertThat(failure.notExecuted()).isTrue();
        assertThat(connection.inFlight().size()).isZero();
        assertThat(channels.get(0).outboundMessages()).isEmpty();
    }

    @Test
    void invoke_whenSendingThrowsAfterTheConnectCompletes_failsTheCallNotExecuted() {
        CompletableFuture<ClientConnection> connecting = new CompletableFuture<>();
        EndpointInvoker invoker = invoker(() -> connecting);

        CompletableFuture<RpcResult> call = invoker.invoke(CALL);
        assertThat(call).isNotDone();
        ClientConnection connection = connectionWithStoppedTimer();
        connecting.complete(connection);

        RpcException failure = failureOf(call);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(connection.inFlight().size()).isZero();
    }

    @Test
    void invoke_whenTheConnectorThrows_failsTheCallNotExecuted() {
        EndpointInvoker invoker = invoker(() -> {
            throw new IllegalStateException("event loop shut down");
        });

        RpcException failure = failureOf(invoker.invoke(CALL));

        assertThat(failure.notExecuted()).isTrue();
        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(failure).hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void invoke_whenTheConnectFails_failsTheCallWithTheConnectFailure() {
        EndpointInvoker invoker =
                invoker(() -> CompletableFuture.failedFuture(new RpcException(ErrorCode.CONNECT_FAILED, "refused")));

        RpcException failure = failureOf(invoker.invoke(CALL));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECT_FAILED);
        assertThat(failure.notExecuted()).isTrue();
    }
}
