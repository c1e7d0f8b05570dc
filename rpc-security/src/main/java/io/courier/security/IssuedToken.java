package io.courier.security;

/**
 * An access token and when to stop using it, on the {@link System#nanoTime()} scale.
 * {@link #toString()} hides the token.
 *
 * @param value the access token
 * @param refreshAtNanos from when a replacement is fetched in the background
 * @param expiresAtNanos from when the token is no longer sent
 */
record IssuedToken(String value, long refreshAtNanos, long expiresAtNanos) {

    /** A token received at {@code nowNanos}, valid {@code lifetimeSeconds}, replaced {@code refreshBeforeSeconds} early. */
    static IssuedToken of(String value, long nowNanos, long lifetimeSeconds, long refreshBeforeSeconds) {
        long life = lifetimeSeconds * 1_000_000_000L;
        // Replace early, but never before half the life: a short-lived token still serves a while.
        long early = Math.min(refreshBeforeSeconds * 1_000_000_000L, life / 2);
        return new IssuedToken(value, nowNanos + life - early, nowNanos + life);
    }

    @Override
    public String toString() {
        return "IssuedToken[(hidden), refreshAtNanos=" + refreshAtNanos + ", expiresAtNanos=" + expiresAtNanos + "]";
    }
}
