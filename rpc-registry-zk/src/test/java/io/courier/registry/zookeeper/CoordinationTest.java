package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.expireSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.DistributedReadWriteLock;
import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Locks, read/write locks and semaphores over a real ZooKeeper, through the registry's coordination. */
@Timeout(60)
class CoordinationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final CoordinationServer zooKeeper = new CoordinationServer();

    private final TestingServer server = zooKeeper.server;

    private Coordination coordination() {
        return newRegistry().coordination().orElseThrow();
    }

    private ZooKeeperRegistry newRegistry() {
        return zooKeeper.newRegistry();
    }

    /** One stay in the critical section, as the shared ledger records it. */
    private record Stay(int thread, long enteredNanos, long leftNanos, long token) {}

    @Test
    void lock_eightContendingThreadsNeverHoldItTogether() throws Exception {
        // four processes' worth of clients, two threads each
        List<Coordination> clients = List.of(coordination(), coordination(), coordination(), coordination());
        List<Stay> ledger = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            DistributedLock lock = clients.get(t % 4).lock("ledger");
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 12; i++) {
                    try (Lease lease = lock.acquire(Duration.ofSeconds(20))) {
                        long entered = System.nanoTime();
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        assertThat(lease.isValid()).isTrue();
                        ledger.add(new Stay(thread, entered, System.nanoTime(), lease.fencingToken()));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(45, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(mostInside.get()).isEqualTo(1);
        assertThat(ledger).hasSize(96);
        List<Stay> byEntry = new ArrayList<>(ledger);
        byEntry.sort((a, b) -> Long.compare(a.enteredNanos(), b.enteredNanos()));
        for (int i = 1; i < byEntry.size(); i++) {
            Stay previous = byEntry.get(i - 1);
            Stay next = byEntry.get(i);
            assertThat(next.enteredNanos())
                    .as("stay %d began after stay %d ended", i, i - 1)
                    .isGreaterThan(previous.leftNanos());
            assertThat(next.token())
                    .as("fencing tokens grow from holder to holder")
                    .isGreaterThan(previous.token());
        }
    }

    @Test
    void lock_isReentrantAndBoundToItsThread() throws Exception {
        DistributedLock lock = coordination().lock("reentrant");
        DistributedLock other = coordination().lock("reentrant");
        try (Lease outer = lock.acquire(Duration.ofSeconds(5))) {
            try (Lease inner = lock.acquire(Duration.ZERO)) {
                assertThat(inner.fencingToken()).isEqualTo(outer.fencingToken());
                assertThat(lock.isHeldByCurrentThread()).isTrue();
            }
            assertThat(outer.isValid()).isTrue();
            assertThat(CompletableFuture.supplyAsync(lock::isHeldByCurrentThread)
                            .get())
                    .isFalse();
            assertThatThrownBy(() -> other.acquire(Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("reentrant");
            Throwable wrongThread = CompletableFuture.runAsync(outer::close)
                    .handle((ok, e) -> e.getCause())
                    .get();
            assertThat(wrongThread).isInstanceOf(IllegalMonitorStateException.class);
        }
        assertThat(lock.isHeldByCurrentThread()).isFalse();
        try (Lease lease = other.acquire(Duration.ofSeconds(5))) {
            assertThat(lease.isValid()).isTrue();
        }
    }

    @Test
    void readWriteLock_readersShareAndAWriterWaitsForThem() throws Exception {
        DistributedReadWriteLock first = coordination().readWriteLock("catalog");
        DistributedReadWriteLock second = coordination().readWriteLock("catalog");
        try (Lease reading = first.readLock().acquire(Duration.ofSeconds(5));
                Lease alsoReading = second.readLock().acquire(Duration.ofSeconds(5))) {
            assertThat(reading.isValid() && alsoReading.isValid()).isTrue();
            assertThatThrownBy(() -> second.writeLock().acquire(Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class);
        }
        try (Lease writing = second.writeLock().acquire(Duration.ofSeconds(5))) {
            assertThat(writing.isValid()).isTrue();
            assertThatThrownBy(() -> first.readLock().acquire(Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void semaphore_grantsAtMostItsLeases() throws Exception {
        DistributedSemaphore one = coordination().semaphore("exports", 2);
        DistributedSemaphore two = coordination().semaphore("exports", 2);
        Lease a = one.acquire(Duration.ofSeconds(5));
        Lease b = two.acquire(Duration.ofSeconds(5));
        assertThatThrownBy(() -> two.acquire(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
        CompletableFuture.runAsync(a::close).get(); // not bound to a thread
        try (Lease c = two.acquire(Duration.ofSeconds(5))) {
            assertThat(c.isValid()).isTrue();
            assertThat(a.isValid()).isFalse();
        }
        b.close();
    }

    @Test
    void badNamesAndArguments_areRefusedWithTheValueAndTheRule() {
        Coordination coordination = coordination();
        for (String bad : List.of("", "a/b", "..", ".hidden", "white space", "x".repeat(129), "ünïcode")) {
            assertThatThrownBy(() -> coordination.lock(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lock name: '" + bad + "' (expected: 1 to 128 ASCII letters, digits, '.', '_' or"
                            + " '-', starting with a letter or digit)");
        }
        assertThat(coordination.lock("x".repeat(128)).name()).hasSize(128);
        assertThatThrownBy(() -> coordination.readWriteLock("a b")).hasMessageStartingWith("read/write lock name:");
        assertThatThrownBy(() -> coordination.semaphore("a/b", 1)).hasMessageStartingWith("semaphore name: 'a/b'");
        assertThatThrownBy(() -> coordination.semaphore("jobs", 0)).hasMessage("maxLeases: 0 (expected: > 0)");
        coordination.semaphore("jobs", 3);
        assertThatThrownBy(() -> coordination.semaphore("jobs", 4)).hasMessageContaining("maxLeases: 4 (expected: 3");
        assertThatThrownBy(() -> coordination.joinElection("-x", new RecordingListener()))
                .hasMessageStartingWith("election group: '-x'");
        assertThatThrownBy(() -> coordination.lock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> coordination.lock("ok").acquire(Duration.ofMillis(-1)))
                .hasMessage("timeout: PT-0.001S (expected: >= 0)");
    }

    @Test
    void sessionExpiry_invalidatesTheLeaseAtOnceAndTellsItsHolder() throws Exception {
        ZooKeeperRegistry holderRegistry = newRegistry();
        DistributedLock lock = holderRegistry.coordination().orElseThrow().lock("expiring");
        Lease lease = lock.acquire(Duration.ofSeconds(5));
        CountDownLatch told = new CountDownLatch(1);
        lease.onInvalidated(told::countDown);

        expireSession(holderRegistry, server.getConnectString());

        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lease.isValid()).isFalse();
        CountDownLatch toldLate = new CountDownLatch(1);
        lease.onInvalidated(toldLate::countDown);
        assertThat(toldLate.await(5, TimeUnit.SECONDS))
                .as("a late callback runs at once")
                .isTrue();
        try (Lease next = coordination().lock("expiring").acquire(WAIT)) {
            assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
        }
        lease.close(); // still required; only clears what is left
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void closingTheRegistry_releasesItsLocksForOthersAndTellsHolders() throws Exception {
        ZooKeeperRegistry holderRegistry = newRegistry();
        Lease lease =
                holderRegistry.coordination().orElseThrow().lock("handover").acquire(WAIT);
        CountDownLatch told = new CountDownLatch(1);
        lease.onInvalidated(told::countDown);
        Coordination other = coordination();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
            try (Lease next = other.lock("handover").acquire(WAIT)) {
                return next.fencingToken();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        holderRegistry.close();

        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isGreaterThan(lease.fencingToken());
        assertThatThrownBy(() -> holderRegistry.coordination()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void primitivesLiveUnderTheDocumentedPath() throws Exception {
        Coordination coordination = coordination();
        try (Lease lease = coordination.lock("where").acquire(WAIT);
                CuratorFramework inspector = ZooKeeperTesting.inspector(server.getConnectString())) {
            assertThat(inspector.getChildren().forPath("/courier/_coordination/locks/where"))
                    .singleElement()
                    .satisfies(node -> assertThat(inspector
                                    .checkExists()
                                    .forPath("/courier/_coordination/locks/where/" + node)
                                    .getCzxid())
                            .isEqualTo(lease.fencingToken()));
        }
        await().atMost(WAIT).until(() -> {
            try (CuratorFramework inspector = ZooKeeperTesting.inspector(server.getConnectString())) {
                return inspector
                        .getChildren()
                        .forPath("/courier/_coordination/locks/where")
                        .isEmpty();
            }
        });
    }
}
