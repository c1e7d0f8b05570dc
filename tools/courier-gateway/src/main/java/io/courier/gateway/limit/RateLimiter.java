package io.courier.gateway.limit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The gateway's own limit, per client: a token bucket of {@code perSecond} tokens for each client
 * (its address), refilled continuously, one token per request, so that a client over its limit is
 * refused while the others are still served. The buckets of the last {@link #MAX_CLIENTS} clients
 * are kept (past that, the one used longest ago is forgotten; a forgotten client starts full). Zero
 * means no limit. Thread-safe (one short lock).
 */
public final class RateLimiter {

    /** The clients whose buckets are kept. */
    public static final int MAX_CLIENTS = 10_000;

    private final int perSecond;
    private final LongSupplier nanoTime;
    /** By client, least recently used first. */
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    /**
     * @param perSecond the requests a client may make per second, 0 for no limit
     * @param nanoTime the clock
     */
    public RateLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token of {@code client}'s bucket: 0 when the request may pass, else the whole seconds
     * until the client's next token (at least 1), for {@code Retry-After}.
     */
    public synchronized long tryAcquire(String client) {
        if (perSecond == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = perSecond;
            bucket.lastNanos = now;
            buckets.put(client, bucket);
        }
        bucket.tokens = Math.min(perSecond, bucket.tokens + (now - bucket.lastNanos) * perSecond / 1e9);
        bucket.lastNanos = now;
        if (bucket.tokens < 1) {
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
        bucket.tokens -= 1;
        return 0;
    }
}
