package io.courier.registry.eureka.internal;

/**
 * A registration's lease in Eureka's terms, from Courier's session timeout. Eureka counts leases in
 * whole seconds and, by a known quirk it keeps for compatibility ({@code Lease.isExpired}), evicts an
 * instance twice its lease after its last renewal (one lease after its registration); so the lease is
 * half the session timeout, and a crashed provider leaves within about the session timeout plus the
 * server's eviction interval.
 *
 * @param seconds the lease Eureka is told ({@code durationInSecs}), at least 1
 * @param renewMillis how often this client renews: a third of the session timeout, at most half the lease
 */
public record Lease(int seconds, long renewMillis) {

    public static Lease of(long sessionTimeoutMillis) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 1000, Math.round(sessionTimeoutMillis / 2000.0)));
        long renewMillis = Math.max(100, Math.min(sessionTimeoutMillis / 3, seconds * 500L));
        return new Lease(seconds, renewMillis);
    }

    /** The renewal interval Eureka is told ({@code renewalIntervalInSecs}), for its self-preservation sums. */
    public int renewSeconds() {
        return (int) Math.max(1, renewMillis / 1000);
    }
}
