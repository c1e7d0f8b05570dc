package io.courier.cluster.internal;

import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.time.Ticker;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many instances of one reference's service cannot take calls now (unreachable, still
 * connecting, or ejected): counted at most once per {@value #COUNT_MILLIS} ms, when routing rebuilds
 * a ready set or someone reads {@link #unreachable()} (a metric); while any is, a WARN naming the
 * service and the count at most once per {@value #WARN_MILLIS} ms. Thread-safe.
 */
public final class Census {

    private static final Logger log = LoggerFactory.getLogger(Census.class);

    static final long COUNT_MILLIS = 1_000;
    static final long WARN_MILLIS = 60_000;
    /** No WARN in a reference's first seconds, while its first connections are still being opened. */
    static final long GRACE_MILLIS = 10_000;

    private final ServiceKey serviceKey;
    private final Ticker ticker;
    private final AtomicLong nextCountNanos;
    private volatile List<? extends Candidate> candidates = List.of();
    private volatile int unreachable;
    /** Guarded by this: when the last WARN was logged, and whether the count was above 0 since. */
    private long lastWarnNanos;

    private boolean warned;

    Census(ServiceKey serviceKey, Ticker ticker) {
        this.serviceKey = serviceKey;
        this.ticker = ticker;
        long now = ticker.nanoTime();
        this.nextCountNanos = new AtomicLong(now);
        this.lastWarnNanos = now - (WARN_MILLIS - GRACE_MILLIS) * 1_000_000;
    }

    /** The service's instances from now on (a new provider list). */
    void follow(List<? extends Candidate> all) {
        candidates = all;
        nextCountNanos.set(ticker.nanoTime());
    }

    /** A route rebuilt its ready set: count the service's instances if a count is due. */
    void tick() {
        long due = nextCountNanos.get();
        long now = ticker.nanoTime();
        if (now - due >= 0 && nextCountNanos.compareAndSet(due, now + COUNT_MILLIS * 1_000_000)) {
            count(now);
        }
    }

    /** Instances of the service that could not take a call at the last count (refreshed if due). */
    public int unreachable() {
        tick();
        return unreachable;
    }

    /** Instances of the service known now. */
    public int total() {
        return candidates.size();
    }

    private void count(long now) {
        List<? extends Candidate> all = candidates;
        int down = 0;
        for (Candidate candidate : all) {
            if (!candidate.available()) {
                down++;
            }
        }
        unreachable = down;
        report(now, down, all.size());
    }

    private synchronized void report(long now, int down, int total) {
        if (down == 0) {
            if (warned) {
                warned = false;
                log.info("Every one of the {} instances of {} can take calls again", total, serviceKey);
            }
            return;
        }
        if (now - lastWarnNanos >= WARN_MILLIS * 1_000_000) {
            lastWarnNanos = now;
            warned = true;
            log.warn(
                    "{} of {} instances of {} are unreachable (refusing connections, still connecting or"
                            + " ejected); calls go to the {} that can take them",
                    down,
                    total,
                    serviceKey,
                    total - down);
        }
    }
}
