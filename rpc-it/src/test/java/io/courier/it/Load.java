package io.courier.it;

import io.courier.api.RpcException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls from several threads until stopped or until a hard time limit, each call with a fresh id,
 * recording every outcome: who served it, or how it failed. Threads are named, daemon, and joined
 * by {@link #stop()}; {@link #close()} stops a load a failed test left running.
 */
final class Load implements AutoCloseable {

    /** A call a load thread makes: returns who served it, or throws. */
    @FunctionalInterface
    interface Call {
        String invoke(long id) throws Exception;
    }

    /** One call's outcome: {@code servedBy} when it succeeded, {@code failure} when it did not. */
    record Outcome(long id, String kind, long startNanos, long endNanos, String servedBy, Throwable failure) {
        boolean failed() {
            return failure != null;
        }

        /** The failure's error code, or its class for a failure that is not an {@link RpcException}. */
        String code() {
            return failure instanceof RpcException rpc
                    ? rpc.code().name()
                    : failure.getClass().getSimpleName();
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
        }
    }

    private final AtomicLong ids;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> failed = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private volatile boolean keepSuccesses = true;
    private final long deadlineNanos;
    private volatile boolean stopped;

    private Load(AtomicLong ids, Duration limit) {
        this.ids = ids;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /** A load that no thread runs yet; add threads with {@link #add}. {@code limit} bounds it in time. */
    static Load of(AtomicLong ids, Duration limit) {
        return new Load(ids, limit);
    }

    /**
     * Keeps only the failures' outcomes (counts are kept for every call): for long runs, whose
     * successes would otherwise fill the heap that they measure.
     */
    Load keepFailuresOnly() {
        keepSuccesses = false;
        return this;
    }

    /** Starts {@code count} threads making {@code call}s of kind {@code kind}. */
    Load add(String kind, int count, Call call) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> run(kind, call), "load-" + kind + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void run(String kind, Call call) {
        while (!stopped && System.nanoTime() - deadlineNanos < 0) {
            long id = ids.incrementAndGet();
            long start = System.nanoTime();
            String servedBy = null;
            Throwable failure = null;
            try {
                servedBy = call.invoke(id);
            } catch (Throwable e) {
                failure = e;
            }
            Outcome outcome = new Outcome(id, kind, start, System.nanoTime(), servedBy, failure);
            if (failure != null) {
                failed.add(outcome);
            } else {
                served.computeIfAbsent(servedBy, name -> new LongAdder()).increment();
            }
            if (keepSuccesses || failure != null) {
                outcomes.add(outcome);
            }
            completed.incrementAndGet();
        }
    }

    /** Calls completed so far, failed or not. */
    long completed() {
        return completed.get();
    }

    /** Calls completed so far that {@code provider} served. */
    long servedBy(String provider) {
        LongAdder count = served.get(provider);
        return count == null ? 0 : count.sum();
    }

    /** Stops the threads and waits for their calls in flight to end (bounded by the calls' timeouts). */
    Load stop() {
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not finish its call within 60 s");
            }
        }
        return this;
    }

    /** Every call's outcome (only the failures' after {@link #keepFailuresOnly()}). */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    List<Outcome> failures() {
        return List.copyOf(failed);
    }

    /** Failed calls by error code, sorted by code. */
    Map<String, Long> failuresByCode() {
        Map<String, Long> byCode = new TreeMap<>();
        for (Outcome outcome : failures()) {
            byCode.merge(outcome.code(), 1L, Long::sum);
        }
        return byCode;
    }

    /** Successful calls by the provider that served them. */
    Map<String, Long> servedByProvider() {
        Map<String, Long> byProvider = new TreeMap<>();
        served.forEach((name, count) -> byProvider.put(name, count.sum()));
        return byProvider;
    }

    /** The slowest call, in milliseconds. */
    long maxMillis() {
        long max = 0;
        for (Outcome outcome : outcomes) {
            max = Math.max(max, outcome.millis());
        }
        return max;
    }

    @Override
    public void close() {
        stopped = true;
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }
}
