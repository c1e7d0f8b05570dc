package io.courier.transport.internal.channel;

/**
 * Exponential reconnect backoff with jitter: after the n-th failed attempt in a row wait
 * {@code min(max, base * 2^(n-1))}, less a random fraction of up to {@code jitter} of it, so that
 * many clients that lost the same provider do not reconnect in step. Immutable and thread-safe.
 *
 * @param baseMillis the wait after the first failure
 * @param maxMillis the longest wait
 * @param jitter the largest fraction taken off a wait, 0 to 1
 */
public record Backoff(long baseMillis, long maxMillis, double jitter) {

    /**
     * The wait after {@code failures} failed attempts in a row.
     *
     * @param failures 1 or more
     * @param random a uniformly distributed value in [0, 1), e.g. from {@code ThreadLocalRandom}
     */
    public long delayMillis(int failures, double random) {
        if (failures <= 0) {
            return 0;
        }
        // 2^62 overflows nothing; beyond that the cap has long been reached.
        int shift = Math.min(failures - 1, 62);
        long exponential = baseMillis > (maxMillis >> shift) ? maxMillis : baseMillis << shift;
        long capped = Math.min(maxMillis, exponential);
        return capped - (long) (capped * jitter * random);
    }
}
