package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: the provider's adaptive concurrency limit over a real socket. The provider serves every
 * caller in parallel in about 5 ms while fast; slow, it has four workers that take 25 ms each, so
 * latency grows with every call admitted. The limit cannot be read from outside, so the test
 * watches what it governs: how many calls the provider executes at once. It must rise above the
 * initial limit (20) to admit all 24 callers, fall to half of that when the provider slows down,
 * and rise again when it recovers; refused calls never run.
 */
class AdaptiveLimitIT {

    private static final int CALLERS = 24;
    private static final int INITIAL_LIMIT = 20;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Duration PHASE = Duration.ofSeconds(20);
    private static final Duration SAMPLE = Duration.ofMillis(100);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void adaptiveLimit_lowersConcurrencyWhenTheProviderSlowsDown_andRaisesItWhenItRecovers() throws Exception {
        VariableSpeedService provider = new VariableSpeedService();
        try (Courier server = Courier.builder()
                        .shutdownHook(false)
                        .host("127.0.0.1")
                        .port(0)
                        .property("courier.filter.concurrency-limit.adaptive", "true")
                        .property(
                                "courier.filter.concurrency-limit.adaptive.initial-limit",
                                Integer.toString(INITIAL_LIMIT))
                        .export(provider)
                        .start();
                Courier consumer = Courier.builder().shutdownHook(false).start()) {
            TickService ticks = consumer.reference(
                    TickService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", server.port())))
                            .retries(0)
                            .timeoutMillis(10_000)
                            .build());
            assertThat(ticks.tick(0)).isEqualTo(1);
            long warmUpExecutions = provider.executions.sum();

            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder accepted = new LongAdder();
            LongAdder refused = new LongAdder();
            Map<String, LongAdder> otherFailures = new ConcurrentHashMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long start = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < CALLERS; t++) {
                    workers.add(callers.submit(() -> {
                        long end = start + RUN_NANOS;
                        for (long i = 0; running.get() && System.nanoTime() < end; i++) {
                            try {
                                ticks.tick(i);
                                accepted.increment();
                            } catch (RpcException e) {
                                if (e.code() == ErrorCode.RATE_LIMITED && e.notExecuted()) {
                                    refused.increment();
                                    // A refused caller backs off briefly, as a client with a retry delay would.
                                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                                } else {
                                    otherFailures
                                            .computeIfAbsent(e.code().name(), code -> new LongAdder())
                                            .increment();
                                }
                            }
                        }
                    }));
                }

                int fast = awaitPeak(provider, peak -> peak >= CALLERS, "every caller admitted at once");
                long fastMillis = millisSince(start);

                provider.slow.set(true);
                long slowStart = System.nanoTime();
                int slowPeak = awaitPeak(
                        provider, peak -> peak > 0 && peak <= fast / 2, "concurrency at most half of " + fast);
                long lowerMillis = millisSince(slowStart);
                long refusedWhileSlow = refused.sum();

                provider.slow.set(false);
                long recoverStart = System.nanoTime();
                int recovered = awaitPeak(provider, peak -> peak >= fast * 4 / 5, "concurrency back near " + fast);
                long recoverMillis = millisSince(recoverStart);

                running.set(false);
                for (Future<?> worker : workers) {
                    worker.get(30, TimeUnit.SECONDS);
                }
                Figures.of("adaptive concurrency limit, " + CALLERS + " callers, initial limit " + INITIAL_LIMIT)
                        .put("peak executing while fast", fast)
                        .put("ms until every caller was admitted", fastMillis)
                        .put("peak executing once slow", slowPeak)
                        .put("ms from slow-down until at most half", lowerMillis)
                        .put("peak executing after recovery", recovered)
                        .put("ms from recovery until back", recoverMillis)
                        .put("accepted", accepted.sum())
                        .put("refused (RATE_LIMITED, not executed)", refused.sum())
                        .put("refused by the time it was lowered", refusedWhileSlow)
                        .put("executed by the provider", provider.executions.sum() - warmUpExecutions)
                        .put("other failures", otherFailures)
                        .print();
            } finally {
                running.set(false);
                callers.shutdownNow();
                assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(otherFailures).isEmpty();
            assertThat(refused.sum()).as("the lowered limit refused calls").isPositive();
            assertThat(provider.executions.sum() - warmUpExecutions)
                    .as("refused calls never ran")
                    .isEqualTo(accepted.sum());
        }
    }

    /**
     * Polls the provider's peak concurrency, one sampling period at a time, until {@code condition}
     * holds for a period's peak; returns that peak.
     */
    private static int awaitPeak(VariableSpeedService provider, PeakCondition condition, String what) {
        AtomicInteger seen = new AtomicInteger();
        provider.takePeak();
        await(what).atMost(PHASE).pollInterval(SAMPLE).until(() -> {
            int peak = provider.takePeak();
            seen.set(peak);
            return condition.holds(peak);
        });
        return seen.get();
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @FunctionalInterface
    private interface PeakCondition {
        boolean holds(int peak);
    }

    /** A provider whose latency and capacity switch at run time, and which counts what it executes. */
    private static final class VariableSpeedService implements TickService {
        final AtomicBoolean slow = new AtomicBoolean();
        final LongAdder executions = new LongAdder();
        private final Semaphore slowWorkers = new Semaphore(4, true);
        private final AtomicInteger executing = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();

        @Override
        public long tick(long n) {
            executions.increment();
            peak.accumulateAndGet(executing.incrementAndGet(), Math::max);
            try {
                if (slow.get()) {
                    slowWorkers.acquireUninterruptibly();
                    try {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
                    } finally {
                        slowWorkers.release();
                    }
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                return n + 1;
            } finally {
                executing.decrementAndGet();
            }
        }

        /** The most calls executing at once since the last call of this method. */
        int takePeak() {
            return peak.getAndSet(executing.get());
        }
    }
}
