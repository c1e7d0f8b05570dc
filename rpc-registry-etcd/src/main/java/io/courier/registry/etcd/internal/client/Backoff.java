package io.courier.registry.etcd.internal.client;

/** Exponential retry delays: 100 ms doubled per failure up to 5 s; not thread-safe. */
public final class Backoff {

    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 5_000;

    private long next = FIRST_MILLIS;

    /** The delay before the next attempt; doubles it for the one after. */
    public long nextMillis() {
        long delay = next;
        next = Math.min(MAX_MILLIS, next * 2);
        return delay;
    }

    public void reset() {
        next = FIRST_MILLIS;
    }
}
