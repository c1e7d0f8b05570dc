package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: a provider limited to 100 calls per second, hammered by 16 consumer threads for 10
 * seconds over a real socket, accepts {@code burst + 100 x seconds} calls within 5%, and its own
 * counter shows that no refused call ran.
 */
class RateLimitIT {

    private static final int QPS = 100;
    private static final int THREADS = 16;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Per thread; far above what 10 s allow, so that the clock ends the run, yet a bound. */
    private static final int MAX_CALLS_PER_THREAD = 5_000_000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void rateLimit100Qps_for10SecondsUnder16Threads_acceptsBurstPlusRateWithin5Percent_andRefusalsNeverRun()
            throws Exception {
        AtomicLong executions = new AtomicLong();
        TickService counting = n -> {
            executions.incrementAndGet();
            return n + 1;
        };
        try (Courier provider = Courier.builder()
                        .shutdownHook(false)
                        .host("127.0.0.1")
                        .port(0)
                        .property("courier.filter.rate-limit.qps", Integer.toString(QPS))
                        .export(counting)
                        .start();
                Courier consumer = Courier.builder().shutdownHook(false).start()) {
            TickService ticks = consumer.reference(
                    TickService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            .retries(0)
                            .timeoutMillis(10_000)
                            .build());
            // Connect and generate the proxy's classes before the clock starts: the run measures the
            // limiter, not the first call's set-up. The token it takes is back within 10 ms (at most one
            // call, 0.1% of the expectation, if the load starts sooner).
            assertThat(ticks.tick(0)).isEqualTo(1);
            long warmUpExecutions = executions.get();
            LongAdder accepted = new LongAdder();
            LongAdder refused = new LongAdder();
            Map<String, LongAdder> otherFailures = new ConcurrentHashMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            long end = start + RUN_NANOS;
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(callers.submit(() -> {
                        for (int i = 0; i < MAX_CALLS_PER_THREAD && System.nanoTime() < end; i++) {
                            try {
                                ticks.tick(i);
                                accepted.increment();
                            } catch (RpcException e) {
                                if (e.code() == ErrorCode.RATE_LIMITED && e.notExecuted()) {
                                    refused.increment();
                                } else {
                                    otherFailures
                                            .computeIfAbsent(e.code().name(), code -> new LongAdder())
                                            .increment();
                                }
                            }
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The bucket starts full (burst = qps) and refills at qps.
            double expected = QPS + QPS * seconds;
            Figures.of("rate limit " + QPS + " qps, " + THREADS + " threads")
                    .put("seconds", String.format("%.2f", seconds))
                    .put("expected accepted", Math.round(expected))
                    .put("accepted", accepted.sum())
                    .put("refused (RATE_LIMITED, not executed)", refused.sum())
                    .put("executed by the provider", executions.get() - warmUpExecutions)
                    .put("other failures", otherFailures)
                    .print();

            assertThat(otherFailures).isEmpty();
            assertThat(refused.sum()).as("the load exceeded the limit").isGreaterThan(accepted.sum());
            assertThat((double) accepted.sum()).isBetween(expected * 0.95, expected * 1.05);
            assertThat(executions.get() - warmUpExecutions)
                    .as("refused calls never ran")
                    .isEqualTo(accepted.sum());
        }
    }
}
