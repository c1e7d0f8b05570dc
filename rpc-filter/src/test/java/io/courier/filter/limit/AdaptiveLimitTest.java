package io.courier.filter.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.filter.FilterContext;
import io.courier.filter.Echo;
import io.courier.filter.FilterChains;
import io.courier.filter.Fixtures;
import io.courier.filter.Loopback;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adaptive limit against a provider that behaves like a real one: fast, it serves every caller
 * in parallel in about 5 ms; slow, it has only four workers that take 25 ms each, so latency grows
 * with the number of calls admitted.
 */
class AdaptiveLimitTest {

    private static final Logger log = LoggerFactory.getLogger(AdaptiveLimitTest.class);
    private static final int CALLERS = 24;

    private final SharedObjects shared = new SharedObjects();
    private final ExecutorService serverExecutor = Executors.newFixedThreadPool(64);
    private final AtomicBoolean slow = new AtomicBoolean();
    private final Semaphore slowWorkers = new Semaphore(4, true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> callers = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        running.set(false);
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        serverExecutor.shutdownNow();
        assertThat(serverExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        shared.close();
    }

    @Test
    @Timeout(60)
    void lowersConcurrency_whenTheProviderSlowsDown_andRaisesIt_whenItSpeedsUp() {
        FilterContext context = Fixtures.context(
                Side.PROVIDER, Echo.class, Map.of("courier.filter.work.concurrency-limit.adaptive", "true"), shared);
        ConcurrencyLimiting limiting = ConcurrencyLimiting.forService(context, "concurrency-limit");
        ConcurrencyLimiter limiter = limiting.limiter(Fixtures.method(Echo.class, "work"));
        Invoker provider =
                FilterChains.build(List.of(ignored -> limiting), context, Fixtures.implementation(invocation -> {
                    serve();
                    return 1;
                }));
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER, Echo.class, Map.of(), shared, new Loopback(serverExecutor, provider, System::nanoTime));
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        startCallers(consumer, refused, unexpected);
        AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
        Duration poll = Duration.ofMillis(5);

        AtomicInteger highest = new AtomicInteger();
        await().atMost(Duration.ofSeconds(15)).pollInterval(poll).until(() -> {
            highest.accumulateAndGet(limiter.limit(), Math::max);
            return highest.get() >= 30;
        });
        int fast = highest.get();

        slow.set(true);
        await().atMost(Duration.ofSeconds(15)).pollInterval(poll).until(() -> {
            lowest.accumulateAndGet(limiter.limit(), Math::min);
            return lowest.get() <= fast / 2;
        });

        slow.set(false);
        await().atMost(Duration.ofSeconds(15)).pollInterval(poll).until(() -> limiter.limit() >= fast * 4 / 5);

        log.info(
                "adaptive limit: {} fast, down to {} slow, back to {}; {} calls refused",
                fast,
                lowest,
                limiter.limit(),
                refused);
        assertThat(unexpected).isEmpty();
        assertThat(refused.get()).as("the lowered limit refused calls").isPositive();
    }

    private void serve() {
        if (!slow.get()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            return;
        }
        slowWorkers.acquireUninterruptibly();
        try {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
        } finally {
            slowWorkers.release();
        }
    }

    private void startCallers(Invoker consumer, AtomicInteger refused, ConcurrentLinkedQueue<Throwable> unexpected) {
        for (int i = 0; i < CALLERS; i++) {
            Thread caller = new Thread(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
                while (running.get() && System.nanoTime() < deadline) {
                    Outcome outcome = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "work", 1)));
                    if (outcome.ok()) {
                        continue;
                    }
                    if (outcome.failure() instanceof LimitExceededException limit
                            && limit.code() == ErrorCode.RATE_LIMITED
                            && LimitExceededException.ADAPTIVE.equals(limit.reason())) {
                        refused.incrementAndGet();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    } else {
                        unexpected.add(outcome.failure());
                    }
                }
            });
            caller.setDaemon(true);
            caller.start();
            callers.add(caller);
        }
    }
}
