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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TimeoutTest {

    private static final int CALLS = 10_000;
    private static final int WAVE = 200;
    // Generous for the fast half on a loaded two-core build machine; the slow half always misses it.
    private static final long TIMEOUT_MILLIS = 3_000;
    private static final long SLOW_MILLIS = 5_000;

    @AutoClose
    private Peers peers;

    @BeforeEach
    void start() {
        // "later" answers from a scheduler, so the direct executor never blocks the IO thread.
        peers = new Peers(Calls.options().build(), ExecutorKind.DIRECT);
    }

    @Test
    void halfTheCallsTimeOut_tablesEmptyAndLateResponsesDropped() throws Exception {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(TIMEOUT_MILLIS));
        for (int i = 0; i < 200; i++) {
            assertThat(invoker.invoke(echo(new byte[1])).get(5, TimeUnit.SECONDS))
                    .isNotNull();
        }
        int threadsBefore = Thread.activeCount();

        List<CompletableFuture<RpcResult>> fast = new ArrayList<>();
        List<CompletableFuture<RpcResult>> slow = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            if (call % 2 == 0) {
                fast.add(invoker.invoke(echo(new byte[] {(byte) call})));
            } else {
                slow.add(invoker.invoke(later("slow", SLOW_MILLIS)));
            }
            if (call % WAVE == WAVE - 1) {
                // Waves keep the fast half well inside its timeout on a busy machine.
                CompletableFuture.allOf(fast.subList(fast.size() - WAVE / 2, fast.size())
                                .toArray(CompletableFuture[]::new))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new))
                .handle((r, e) -> null)
                .get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(1)).until(() -> peers.client.stats().inFlight() == 0);

        for (CompletableFuture<RpcResult> call : fast) {
            assertThat(call).isCompletedWithValueMatching(r -> ((byte[]) r.value()).length == 1);
        }
        for (CompletableFuture<RpcResult> call : slow) {
            RpcException failure = Calls.failure(call, 0);
            assertThat(failure.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(failure.notExecuted()).isFalse();
        }

        // Every late answer is written by the server and dropped by the client (the leak detector
        // fails this class if one of their buffers was not released).
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.provider.executed.get() == CALLS + 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.server.stats().inFlight() == 0);
        assertThat(invoker.invoke(echo(new byte[1])).get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(peers.client.stats().openConnections()).isEqualTo(1);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
    }
}
