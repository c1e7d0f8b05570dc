package io.courier.cluster.scenario;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The providers' record of what actually ran: per request id, how many times and where. Written by
 * the provider-side implementation, read by the test after the calls. Thread-safe.
 */
public final class Ledger {

    private final Map<Long, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byProvider = new ConcurrentHashMap<>();

    /** Provider {@code provider} ran the request {@code requestId}. */
    public void record(int provider, long requestId) {
        executions.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
        byProvider.computeIfAbsent(provider, p -> new LongAdder()).increment();
    }

    /** How many times {@code requestId} ran, on any provider. */
    public int executions(long requestId) {
        AtomicInteger count = executions.get(requestId);
        return count == null ? 0 : count.get();
    }

    /** The request ids that ran more than once. */
    public List<Long> executedMoreThanOnce() {
        return executions.entrySet().stream()
                .filter(entry -> entry.getValue().get() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** How many requests provider {@code provider} ran. */
    public long executedBy(int provider) {
        LongAdder count = byProvider.get(provider);
        return count == null ? 0 : count.sum();
    }
}
