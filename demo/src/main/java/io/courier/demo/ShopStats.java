package io.courier.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the demo measured: latencies of each hop as its caller saw them, and named counters.
 * Thread-safe; one per run.
 */
final class ShopStats {

    static final String PLACE_ORDER = "client -> order-service placeOrder";
    static final String FIND_USER = "order-service -> user-service find";
    static final String RESERVE = "order-service -> inventory-service reserve";

    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();

    /** Records one call of {@code hop} that started at {@code startNanos} (from {@link System#nanoTime()}). */
    void record(String hop, long startNanos) {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
        latencies
                .computeIfAbsent(hop, key -> new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3))
                .recordValue(Math.min(Math.max(micros, 1), TimeUnit.MINUTES.toMicros(1)));
    }

    void count(String counter) {
        counters.computeIfAbsent(counter, key -> new LongAdder()).increment();
    }

    long total(String counter) {
        LongAdder adder = counters.get(counter);
        return adder == null ? 0 : adder.sum();
    }

    Histogram latency(String hop) {
        Histogram histogram = latencies.get(hop);
        return histogram == null ? new Histogram(3) : histogram.copy();
    }

    /** Seconds since this run started, for the timeline. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
