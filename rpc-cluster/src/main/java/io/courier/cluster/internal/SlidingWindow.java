package io.courier.cluster.internal;

import io.courier.cluster.CircuitBreakerOptions;
import java.util.Arrays;

/**
 * The recent outcomes a closed circuit judges: the last N calls, or the calls of the last N
 * seconds. Not thread-safe: the owning {@link CircuitBreaker} guards it.
 */
abstract sealed class SlidingWindow {

    /** Adds one call's outcome at {@code nowNanos}. */
    abstract void record(long nowNanos, boolean failed, boolean slow);

    /** The calls in the window as of the last {@link #record}. */
    abstract int calls();

    abstract int failures();

    abstract int slowCalls();

    abstract void reset();

    static SlidingWindow of(CircuitBreakerOptions options) {
        return options.timeWindow() ? new Timed(options.windowSize()) : new Counted(options.windowSize());
    }

    /** The last {@code size} calls, in a ring. */
    static final class Counted extends SlidingWindow {
        private static final byte FAILED = 1;
        private static final byte SLOW = 2;

        private final byte[] ring;
        private int next;
        private int calls;
        private int failures;
        private int slowCalls;

        Counted(int size) {
            this.ring = new byte[size];
        }

        @Override
        void record(long nowNanos, boolean failed, boolean slow) {
            if (calls == ring.length) {
                byte oldest = ring[next];
                failures -= oldest & FAILED;
                slowCalls -= (oldest & SLOW) >> 1;
            } else {
                calls++;
            }
            ring[next] = (byte) ((failed ? FAILED : 0) | (slow ? SLOW : 0));
            failures += failed ? 1 : 0;
            slowCalls += slow ? 1 : 0;
            next = (next + 1) % ring.length;
        }

        @Override
        int calls() {
            return calls;
        }

        @Override
        int failures() {
            return failures;
        }

        @Override
        int slowCalls() {
            return slowCalls;
        }

        @Override
        void reset() {
            next = 0;
            calls = 0;
            failures = 0;
            slowCalls = 0;
        }
    }

    /** The calls of the last {@code seconds} seconds, in one bucket per second. */
    static final class Timed extends SlidingWindow {
        private static final long NANOS_PER_SECOND = 1_000_000_000L;

        private final int[] bucketCalls;
        private final int[] bucketFailures;
        private final int[] bucketSlow;
        private long lastSecond = Long.MIN_VALUE;
        private int calls;
        private int failures;
        private int slowCalls;

        Timed(int seconds) {
            this.bucketCalls = new int[seconds];
            this.bucketFailures = new int[seconds];
            this.bucketSlow = new int[seconds];
        }

        @Override
        void record(long nowNanos, boolean failed, boolean slow) {
            long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
            advanceTo(second);
            int bucket = (int) Math.floorMod(second, (long) bucketCalls.length);
            bucketCalls[bucket]++;
            calls++;
            if (failed) {
                bucketFailures[bucket]++;
                failures++;
            }
            if (slow) {
                bucketSlow[bucket]++;
                slowCalls++;
            }
        }

        /** Empties the buckets of the seconds that have left the window since the last call. */
        private void advanceTo(long second) {
            if (lastSecond == Long.MIN_VALUE || second - lastSecond >= bucketCalls.length) {
                reset();
            } else {
                for (long s = lastSecond + 1; s <= second; s++) {
                    int bucket = (int) Math.floorMod(s, (long) bucketCalls.length);
                    calls -= bucketCalls[bucket];
                    failures -= bucketFailures[bucket];
                    slowCalls -= bucketSlow[bucket];
                    bucketCalls[bucket] = 0;
                    bucketFailures[bucket] = 0;
                    bucketSlow[bucket] = 0;
                }
            }
            if (second > lastSecond) {
                lastSecond = second;
            }
        }

        @Override
        int calls() {
            return calls;
        }

        @Override
        int failures() {
            return failures;
        }

        @Override
        int slowCalls() {
            return slowCalls;
        }

        @Override
        void reset() {
            Arrays.fill(bucketCalls, 0);
            Arrays.fill(bucketFailures, 0);
            Arrays.fill(bucketSlow, 0);
            calls = 0;
            failures = 0;
            slowCalls = 0;
        }
    }
}
