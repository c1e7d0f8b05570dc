package io.courier.transport;

import static io.courier.transport.Calls.blob;
import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolOptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PayloadTooLargeTest {

    private static final ProtocolOptions SMALL_FRAMES =
            ProtocolOptions.builder().maxFrameLength(64 * 1024).build();

    @AutoClose
    private Peers peers;

    @Test
    void responseOverTheServersLimit_reachesTheCallerAsPayloadTooLarge() throws Exception {
        peers = new Peers(Calls.options().protocol(SMALL_FRAMES).build(), ExecutorKind.POOL);
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(10_000));
        warmUp(invoker);

        long start = System.nanoTime();
        RpcException failure = Calls.failure(invoker.invoke(blob(1024 * 1024)), 10);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(failure.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(elapsedMillis).as("answered, not timed out after 10 s").isLessThan(2_000);
        assertThat(value(invoker.invoke(echo(new byte[] {7})), 5))
                .as("the connection carries on")
                .isEqualTo(new byte[] {7});
    }

    @Test
    void responseOverTheClientsLimit_reachesTheCallerAsPayloadTooLarge() throws Exception {
        peers = new Peers(
                Calls.options().build(),
                ExecutorKind.POOL,
                Calls.options().protocol(SMALL_FRAMES).build());
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(10_000));
        warmUp(invoker);

        long start = System.nanoTime();
        RpcException failure = Calls.failure(invoker.invoke(blob(1024 * 1024)), 10);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(failure.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(failure.notExecuted()).isFalse();
        assertThat(elapsedMillis).as("answered, not timed out after 10 s").isLessThan(2_000);
        // The oversized body is dropped as it arrives, and the connection carries on.
        assertThat(value(invoker.invoke(echo(new byte[] {7})), 5)).isEqualTo(new byte[] {7});
    }

    @Test
    void requestOverTheLimit_failsBeforeItIsSent() throws Exception {
        peers = new Peers(
                Calls.options().build(),
                ExecutorKind.POOL,
                Calls.options().protocol(SMALL_FRAMES).build());
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(10_000));
        warmUp(invoker);
        int executed = peers.provider.executed.get();

        RpcException failure = Calls.failure(invoker.invoke(echo(new byte[128 * 1024])), 5);

        assertThat(failure.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(failure.notExecuted()).isTrue();
        assertThat(peers.provider.executed.get()).isEqualTo(executed);
    }

    private static void warmUp(Invoker invoker) throws Exception {
        for (int i = 0; i < 20; i++) {
            value(invoker.invoke(blob(16)), 5);
        }
    }
}
