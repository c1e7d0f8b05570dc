package io.courier.transport.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ElasticPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String THREAD_NAME = "elastic-pool-test";

    private final CountDownLatch release = new CountDownLatch(1);
    private ElasticPool pool;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            // Terminated means every call is done; a thread may still be on its way out of run().
            await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().startsWith(THREAD_NAME)));
        }
    }

    private ElasticPool pool(int maxThreads, int warmThreads, int queueCapacity) {
        pool = new ElasticPool(maxThreads, warmThreads, queueCapacity, new DefaultThreadFactory(THREAD_NAME, true));
        return pool;
    }

    @Test
    void callsOneAfterAnother_reuseAFewThreads() throws Exception {
        // A fixed pool of 200 starts a new thread for each of its first 200 calls.
        pool(200, 1, 16);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 100; i++) {
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                used.add(Thread.currentThread());
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        // One thread, plus one for each time the machine stalled the woken thread for a whole tick.
        assertThat(used).hasSizeLessThan(10);
    }

    @Test
    void aBlockedThread_doesNotHoldUpTheNextCall() throws Exception {
        pool(8, 1, 16);
        CountDownLatch blocked = new CountDownLatch(1);
        pool.execute(() -> {
            blocked.countDown();
            awaitRelease();
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch second = new CountDownLatch(1);
        pool.execute(second::countDown);

        assertThat(second.await(10, TimeUnit.SECONDS))
                .as("second call ran beside the blocked one")
                .isTrue();
    }

    @Test
    void blockingCalls_eachGetAThread_upToTheMaximum() {
        pool(8, 1, 16);
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 12; i++) {
            pool.execute(() -> {
                started.incrementAndGet();
                awaitRelease();
            });
        }

        await().atMost(WAIT).until(() -> started.get() == 8);
        release.countDown();
        await().atMost(WAIT).until(() -> started.get() == 12);
    }

    @Test
    void everyThreadBusyAndQueueFull_refusesWithBusy_andRunsEverythingAccepted() throws Exception {
        pool(2, 1, 2);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable blocking = () -> {
            started.incrementAndGet();
            awaitRelease();
            finished.incrementAndGet();
        };
        pool.execute(blocking);
        pool.execute(blocking);
        await().atMost(WAIT).until(() -> started.get() == 2);
        pool.execute(blocking);
        pool.execute(blocking);

        assertThatThrownBy(() -> pool.execute(blocking)).isSameAs(ServerExecutors.BUSY);

        release.countDown();
        await().atMost(WAIT).until(() -> finished.get() == 4);
    }

    @Test
    void manySubmitters_everyCallRunsExactlyOnce() throws Exception {
        pool(16, 2, 100_000);
        int submitters = 4;
        int callsEach = 20_000;
        AtomicInteger ran = new AtomicInteger();
        Thread[] threads = new Thread[submitters];
        for (int s = 0; s < submitters; s++) {
            threads[s] = new Thread(() -> {
                for (int i = 0; i < callsEach; i++) {
                    pool.execute(ran::incrementAndGet);
                }
            });
            threads[s].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        await().atMost(WAIT).until(() -> ran.get() == submitters * callsEach);
    }

    @Test
    void aFailingCall_doesNotCostTheThread() throws Exception {
        pool(1, 1, 4);
        pool.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        CountDownLatch next = new CountDownLatch(1);
        pool.execute(next::countDown);

        assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shutdown_refusesNewCalls_runsQueuedOnes_andStopsEveryThread() throws Exception {
        pool(1, 1, 4);
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitRelease();
            finished.incrementAndGet();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.execute(finished::incrementAndGet);

        pool.shutdown();

        assertThatThrownBy(() -> pool.execute(finished::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).hasValue(2);
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void shutdownNow_returnsQueuedCalls_andInterruptsRunningOnes() throws Exception {
        pool(1, 1, 4);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Runnable queued = () -> {};
        pool.execute(queued);

        List<Runnable> dropped = pool.shutdownNow();

        assertThat(dropped).containsExactly(queued);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
