package io.courier.transport;

import static io.courier.transport.Calls.callOptions;
import static io.courier.transport.Calls.endpoint;
import static io.courier.transport.Calls.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server closed without waiting while calls still wait in its pool's queue: those calls never
 * run, their requests are released (the leak detector of the test kit fails the class otherwise),
 * and their callers get an error instead of waiting out their timeout.
 */
@Timeout(60)
class CloseWithQueuedCallsTest {

    private static final int QUEUED = 8;

    @AutoClose
    private final Peers peers =
            new Peers(Calls.options().executorThreads(1).executorQueueSize(64).build(), ExecutorKind.POOL);

    @Test
    void closeWithoutWaiting_dropsQueuedCallsUnrun_andReleasesTheirRequests() {
        Invoker invoker = peers.client.invoker(endpoint(peers.server), callOptions(30_000));
        CompletableFuture<RpcResult> blocking = invoker.invoke(sleep("blocking", 20_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.provider.executed.get() == 1);
        List<CompletableFuture<RpcResult>> queued = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queued.add(invoker.invoke(sleep("queued-" + i, 0)));
        }
        // The one thread is blocked, so they wait in the queue (the watch finds no thread to add).
        await().atMost(Duration.ofSeconds(10)).until(() -> peers.server.stats().inFlight() == QUEUED + 1);

        peers.server.close(0);

        CompletableFuture<?> all = CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
        await().atMost(Duration.ofSeconds(10)).until(all::isDone);
        assertThat(queued).allSatisfy(call -> assertThat(call).isCompletedExceptionally());
        assertThat(peers.provider.executed).as("the queued calls never ran").hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(blocking::isDone);
    }
}
