package io.courier.filter.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The nonces of signed requests whose timestamps are still acceptable: a request whose nonce is
 * here is a replay. Entries leave once their timestamp has gone stale (a replay of them would be
 * refused as stale anyway), so the cache holds about {@code rate * maxSkew} entries; it never holds
 * more than {@code capacity} (plus at most one per concurrent caller): when full it refuses new
 * nonces rather than forget live ones, which would let their replays in. Thread-safe.
 */
final class NonceCache {

    enum Result {
        ADDED,
        REPLAYED,
        FULL
    }

    private record Entry(String nonce, long expiresAtMillis) {}

    private final int capacity;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final ReentrantLock evicting = new ReentrantLock();

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    /** Remembers {@code nonce} until {@code expiresAtMillis}, unless it is known or the cache is full. */
    Result add(String nonce, long expiresAtMillis, long nowMillis) {
        evictExpired(nowMillis);
        if (expiries.containsKey(nonce)) {
            return Result.REPLAYED;
        }
        if (size.get() >= capacity) {
            return Result.FULL;
        }
        if (expiries.putIfAbsent(nonce, expiresAtMillis) != null) {
            return Result.REPLAYED;
        }
        size.incrementAndGet();
        arrivals.add(new Entry(nonce, expiresAtMillis));
        return Result.ADDED;
    }

    int size() {
        return size.get();
    }

    private void evictExpired(long nowMillis) {
        Entry oldest = arrivals.peek();
        if (oldest == null || oldest.expiresAtMillis() >= nowMillis || !evicting.tryLock()) {
            return;
        }
        try {
            // Only one evictor at a time, so the head it inspects is the head it removes. Arrival
            // order is roughly expiry order; an entry that expires later than those behind it only
            // delays their removal, never past the stale-timestamp horizon by more than maxSkew.
            while ((oldest = arrivals.peek()) != null && oldest.expiresAtMillis() < nowMillis) {
                arrivals.poll();
                if (expiries.remove(oldest.nonce(), oldest.expiresAtMillis())) {
                    size.decrementAndGet();
                }
            }
        } finally {
            evicting.unlock();
        }
    }
}
