package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import io.courier.cluster.testing.TestDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ready first: a fresh reference's first calls wait, bounded, for a listed provider to be ready. */
@Timeout(30)
class FirstProviderReadyTest {

    private final AtomicInteger sent = new AtomicInteger();
    private final Invoker next = invocation -> {
        sent.incrementAndGet();
        return CompletableFuture.completedFuture(RpcResult.of("ok"));
    };

    private static List<TestCandidate> notReady(int count) {
        List<TestCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            candidates.add(TestCandidate.of("stale-" + i, 100).available(false));
        }
        return candidates;
    }

    @Test
    void firstCalls_waitUntilAListedProviderIsReady_thenGo() {
        List<TestCandidate> candidates = notReady(999);
        TestCandidate live = TestCandidate.of("live", 100).available(false);
        candidates.add(live);
        Invoker gated = FirstProviderWait.of(next, new TestDirectory(candidates), 5_000, 10_000, "wait");

        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> gated.invoke(Calls.of(Greeter.READ, 1L)));
        CompletableFuture<Object> second =
                CompletableFuture.supplyAsync(() -> gated.invoke(Calls.of(Greeter.READ, 2L)));
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> sent.get() == 0);
        assertThat(first).isNotDone();

        live.available(true);

        await().until(() -> first.isDone() && second.isDone());
        assertThat(sent).hasValue(2);
    }

    @Test
    void theReadyWait_isBounded_andOnlyTheFirstCallsPayIt() {
        Invoker gated = FirstProviderWait.of(next, new TestDirectory(notReady(3)), 5_000, 50, "wait");

        long start = System.nanoTime();
        gated.invoke(Calls.of(Greeter.READ, 1L));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        gated.invoke(Calls.of(Greeter.READ, 2L));
        long secondMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(firstMillis).isBetween(50L, 5_000L);
        assertThat(secondMillis).isLessThan(50L);
        assertThat(sent).hasValue(2);
    }

    @Test
    void aReadyProvider_costsTheFirstCallNoWait() {
        List<TestCandidate> candidates = notReady(10);
        candidates.add(TestCandidate.of("live", 100));
        Invoker gated = FirstProviderWait.of(next, new TestDirectory(candidates), 5_000, 60_000, "wait");

        long start = System.nanoTime();
        gated.invoke(Calls.of(Greeter.READ, 1L));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000L);
    }
}
