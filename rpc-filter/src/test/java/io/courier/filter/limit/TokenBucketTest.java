package io.courier.filter.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TokenBucketTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void startsFull_acceptsTheBurstAtOnce_thenOneCallPerInterval() {
        long now = 5_000 * MS;
        TokenBucket bucket = new TokenBucket(100, 3, now);

        assertThat(bucket.tryAcquire(now)).isTrue();
        assertThat(bucket.tryAcquire(now)).isTrue();
        assertThat(bucket.tryAcquire(now)).isTrue();
        assertThat(bucket.tryAcquire(now)).isFalse();
        assertThat(bucket.tryAcquire(now + 9 * MS)).isFalse();
        assertThat(bucket.tryAcquire(now + 10 * MS)).isTrue();
        assertThat(bucket.tryAcquire(now + 10 * MS)).isFalse();
    }

    @Test
    void acceptsExactlyBurstPlusRateTimesDuration_overTenSecondsOfHeavyLoad() {
        long start = 42 * MS;
        TokenBucket bucket = new TokenBucket(100, 10, start);
        int accepted = 0;
        int attempts = 0;
        // Ten simulated seconds, 50 attempts every millisecond: 500 times the limit.
        for (long ms = 0; ms < 10_000; ms++) {
            for (int i = 0; i < 50; i++) {
                attempts++;
                if (bucket.tryAcquire(start + ms * MS)) {
                    accepted++;
                }
            }
        }

        assertThat(attempts).isEqualTo(500_000);
        // 10 at once, then one every 10 ms from t=10ms to t=9990ms.
        assertThat(accepted).isEqualTo(10 + 999);
    }

    @Test
    void neverAdmitsMoreThanTheBurst_whenManyThreadsRaceForTheSameInstant() throws Exception {
        long now = 1_000 * MS;
        TokenBucket bucket = new TokenBucket(1, 25, now);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < 1_000; i++) {
                    if (bucket.tryAcquire(now)) {
                        accepted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(accepted).hasValue(25);
    }

    @Test
    void refund_givesBackTheTokenJustTaken() {
        long now = 7 * MS;
        TokenBucket bucket = new TokenBucket(1, 1, now);

        assertThat(bucket.tryAcquire(now)).isTrue();
        bucket.refund();

        assertThat(bucket.tryAcquire(now)).isTrue();
        assertThat(bucket.tryAcquire(now)).isFalse();
    }

    @Test
    void zeroQps_refusesEveryCall() {
        TokenBucket bucket = new TokenBucket(0, 5, 0);

        assertThat(bucket.tryAcquire(0)).isFalse();
        assertThat(bucket.tryAcquire(TimeUnit.HOURS.toNanos(1))).isFalse();
    }

    @Test
    void update_appliesTheNewRateFromTheNextCall() {
        long now = 0;
        TokenBucket bucket = new TokenBucket(1, 1, now);
        assertThat(bucket.tryAcquire(now)).isTrue();
        assertThat(bucket.tryAcquire(now + 100 * MS)).isFalse();

        bucket.update(1_000, 1);

        // The token taken under the old rate pushed the next one out by a second; a faster rate
        // does not forgive it, but from then on tokens come every millisecond.
        assertThat(bucket.tryAcquire(now + 1_000 * MS)).isTrue();
        assertThat(bucket.tryAcquire(now + 1_001 * MS)).isTrue();
        assertThat(bucket.qps()).isEqualTo(1_000);
    }

    @Test
    @Timeout(5)
    void fractionalRates_workBelowOneCallPerSecond() {
        TokenBucket bucket = new TokenBucket(0.5, 1, 0);

        assertThat(bucket.tryAcquire(0)).isTrue();
        assertThat(bucket.tryAcquire(1_999 * MS)).isFalse();
        assertThat(bucket.tryAcquire(2_000 * MS)).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
