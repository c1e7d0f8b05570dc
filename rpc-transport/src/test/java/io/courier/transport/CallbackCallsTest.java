package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.echo;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.later;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls started with a completion instead of a future ({@link Invoker#invoke(io.courier.api.Invocation,
 * BiConsumer)}), as the cluster's per-instance invoker starts them: the IO thread tells the completion itself, once,
 * whatever ends the call, and a completion that throws costs nothing but its own call.
 */
@Timeout(60)
class CallbackCallsTest {

    @AutoClose
    private Peers peers;

    private Invoker invoker;

    @BeforeEach
    void start() {
        peers = new Peers(Calls.options().build(), ExecutorKind.DIRECT);
        invoker = peers.client.invoker(endpoint(peers.server), callOptions(5_000));
    }

    @Test
    void answeredCall_tellsTheResultOnceOnTheIoThread() throws Exception {
        Told first = new Told();
        // The first call may wait for the connect, which goes the future's way; the second finds the connection ready.
        invoker.invoke(echo(new byte[] {1}), first);
        first.outcome.get(5, TimeUnit.SECONDS);
        Told told = new Told();

        invoker.invoke(echo(new byte[] {2, 3}), told);

        RpcResult result = told.outcome.get(5, TimeUnit.SECONDS);
        assertThat((byte[]) result.value()).containsExactly(2, 3);
        assertThat(told.thread).isNotEqualTo(Thread.currentThread().getName());
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> told.times.size() == 1);
    }

    @Test
    void callPastItsTimeout_tellsTimeoutOnce() throws Exception {
        Invoker hurried = peers.client.invoker(endpoint(peers.server), callOptions(200));
        Told told = new Told();

        hurried.invoke(later("slow", 2_000), told);

        RpcException failure = Calls.failure(told.outcome, 5);
        assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
        // The late answer arrives and is dropped: still told once.
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.server.stats().inFlight() == 0);
        assertThat(told.times).hasSize(1);
    }

    @Test
    void completionThatThrows_leavesTheConnectionToTheOtherCalls() throws Exception {
        assertThat(invoker.invoke(echo(new byte[1])).get(5, TimeUnit.SECONDS)).isNotNull();
        Told thrower = new Told(true);

        invoker.invoke(echo(new byte[] {7}), thrower);

        assertThat((byte[]) thrower.outcome.get(5, TimeUnit.SECONDS).value()).containsExactly(7);
        Told next = new Told();
        invoker.invoke(echo(new byte[] {8}), next);
        assertThat((byte[]) next.outcome.get(5, TimeUnit.SECONDS).value()).containsExactly(8);
        assertThat(peers.client.stats().openConnections()).isEqualTo(1);
        assertThat(thrower.times).hasSize(1);
    }

    /** A completion that records each time it is told, and optionally throws after recording. */
    private static final class Told implements BiConsumer<RpcResult, Throwable> {
        final CompletableFuture<RpcResult> outcome = new CompletableFuture<>();
        final List<Long> times = new CopyOnWriteArrayList<>();
        private final boolean fail;
        volatile String thread;

        Told() {
            this(false);
        }

        Told(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void accept(RpcResult result, Throwable failure) {
            times.add(System.nanoTime());
            thread = Thread.currentThread().getName();
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
            if (fail) {
                throw new IllegalStateException("a completion's own bug");
            }
        }
    }
}
