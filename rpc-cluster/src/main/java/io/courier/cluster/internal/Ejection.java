package io.courier.cluster.internal;

import io.courier.api.Endpoint;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candidate's ejection: after a connection-level failure, or a run of refusals, it is left out of
 * the balance for a time that doubles with each ejection in a row (up to a maximum); an answer ends it.
 * Thread-safe.
 */
final class Ejection {

    private static final Logger log = LoggerFactory.getLogger(InstanceCandidate.class);

    private final Ticker ticker;
    private final long firstEjectionNanos;
    private final long maxEjectionNanos;
    private final int refusalsBeforeEjection;
    /** Consecutive refusals since the last answer. */
    private final AtomicInteger refusals = new AtomicInteger();
    /** 0 when not ejected, else the nanoTime at which the ejection ends. */
    private volatile long ejectedUntilNanos;
    /** Consecutive connection-level failures; guarded by this. */
    private int ejections;

    Ejection(Ticker ticker, ClusterOptions options) {
        this.ticker = ticker;
        this.firstEjectionNanos = TimeUnit.MILLISECONDS.toNanos(options.ejectionMillis());
        this.maxEjectionNanos = TimeUnit.MILLISECONDS.toNanos(options.maxEjectionMillis());
        this.refusalsBeforeEjection = options.refusalsBeforeEjection();
    }

    /** Whether the candidate is ejected now. */
    boolean inForce() {
        long until = ejectedUntilNanos;
        return until != 0 && ticker.nanoTime() - until < 0;
    }

    /** An answer came: the refusals and the ejections in a row start again from none. */
    void answered() {
        if (refusals.get() != 0) {
            refusals.set(0);
        }
        if (ejectedUntilNanos != 0) {
            clearEjection();
        }
    }

    /** A failure that says the endpoint cannot take calls. */
    void failed(Endpoint endpoint) {
        eject(endpoint, "a failure");
    }

    /** A refusal: the instance protecting itself, not a failure; enough in a row eject it, saying why. */
    void refused(Endpoint endpoint) {
        if (refusals.incrementAndGet() >= refusalsBeforeEjection) {
            eject(endpoint, refusalsBeforeEjection + " refusals in a row (busy or rate limited)");
        }
    }

    private synchronized void eject(Endpoint endpoint, String why) {
        if (firstEjectionNanos == 0) {
            // Ejection is off (ejectionMillis = 0).
            return;
        }
        long now = ticker.nanoTime();
        if (ejectedUntilNanos != 0 && now - ejectedUntilNanos < 0) {
            // Already ejected: failures of calls sent before the ejection say nothing new, and must not
            // escalate it (a dropped connection fails every call in flight on it at once).
            return;
        }
        long duration = Math.min(maxEjectionNanos, firstEjectionNanos << Math.min(ejections, 5));
        ejections++;
        long until = now + duration;
        ejectedUntilNanos = until == 0 ? 1 : until;
        if (ejections == 1) {
            log.info("Ejected {} for {} ms after {}", endpoint, duration / 1_000_000, why);
        }
    }

    private synchronized void clearEjection() {
        ejections = 0;
        ejectedUntilNanos = 0;
    }
}
