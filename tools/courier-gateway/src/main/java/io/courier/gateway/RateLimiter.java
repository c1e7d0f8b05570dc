package io.courier.gateway;

import java.util.function.LongSupplier;

/**
 * The gateway's own limit: a token bucket of {@code perSecond} tokens refilled continuously, one
 * token per request, for all clients together. Zero means no limit. Thread-safe (one short lock).
 */
final class RateLimiter {

    private final int perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastNanos;

    RateLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = perSecond;
        this.lastNanos = nanoTime.getAsLong();
    }

    /** Whether a request may pass now (and takes its token). */
    synchronized boolean tryAcquire() {
        if (perSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
