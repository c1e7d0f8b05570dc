package io.courier.api.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.registry.Registry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every registry's {@link Coordination} must do, whatever store keeps it: locks that one holder
 * at a time holds, reentrant and bound to their thread, with fencing tokens that grow from holder to
 * holder; read/write locks; semaphores; leader election with hand-over; and the safety rules of a
 * session that ends or a store that goes away (leases and leadership end at once, visibly). A registry
 * module runs it through a subclass that starts its store and makes its registries, each as a process
 * of its own would.
 *
 * <p>Shipped in rpc-api's test-jar ({@code <type>test-jar</type>}) beside {@code RegistryStoreContract}.
 */
@Timeout(60)
public abstract class CoordinationContract {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Registry> registries = new CopyOnWriteArrayList<>();

    /** A new registry client of the running store, as another process would open it. */
    protected abstract Registry openRegistry();

    /**
     * Ends {@code registry}'s session on the store's side while its connection stays up (ZooKeeper: the
     * session expires; etcd: the lease is revoked), as a store that gave up on a paused process does.
     */
    protected abstract void endSession(Registry registry) throws Exception;

    /** Stops the store (an outage), keeping its data. */
    protected abstract void stopStore() throws Exception;

    /** Starts the stopped store again on the same address and data. */
    protected abstract void restartStore() throws Exception;

    /** The registries' session timeout: how long the store keeps a silent client's session. */
    protected abstract long sessionTimeoutMillis();

    /**
     * Whether the backend offers read/write locks. One that does not (a store with one holder per record)
     * must refuse them in words, and the contract checks that refusal instead.
     */
    protected boolean offersReadWriteLocks() {
        return true;
    }

    /** Whether the backend offers semaphores; one that does not must refuse them in words. */
    protected boolean offersSemaphores() {
        return true;
    }

    /**
     * A refused capability: an {@link UnsupportedOperationException} that names it and the registries
     * that offer it.
     */
    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what) {
        assertThatThrownBy(call)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(what)
                .hasMessageContaining("etcd")
                .hasMessageContaining("ZooKeeper");
    }

    /** A registry client closed after the test. */
    protected final Registry newRegistry() {
        Registry registry = openRegistry();
        registries.add(registry);
        return registry;
    }

    private Coordination coordination() {
        return newRegistry().coordination().orElseThrow();
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(Registry::close);
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
        try {
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
        } finally {
            threads.shutdownNow();
        }

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
        if (!offersReadWriteLocks()) {
            assertRefused(() -> coordination().readWriteLock("catalog"), "read/write locks");
            return;
        }
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
            try (Lease alsoReading = second.readLock().acquire(Duration.ofMillis(500))) {
                assertThat(alsoReading.isValid()).as("a writer may also read").isTrue();
            }
        }
    }

    @Test
    void semaphore_grantsAtMostItsLeases() throws Exception {
        if (!offersSemaphores()) {
            assertRefused(() -> coordination().semaphore("exports", 2), "semaphores");
            return;
        }
        DistributedSemaphore one = coordination().semaphore("exports", 2);
        DistributedSemaphore two = coordination().semaphore("exports", 2);
        Lease a = one.acquire(Duration.ofSeconds(5));
        Lease b = two.acquire(Duration.ofSeconds(5));
        assertThatThrownBy(() -> two.acquire(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
        CompletableFuture.runAsync(a::close).get(); // not bound to a thread
        try (Lease c = two.acquire(Duration.ofSeconds(5))) {
            assertThat(c.isValid()).isTrue();
            assertThat(a.isValid()).isFalse();
            assertThat(c.fencingToken()).isGreaterThan(b.fencingToken());
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
        if (offersSemaphores()) {
            coordination.semaphore("jobs", 3);
            assertThatThrownBy(() -> coordination.semaphore("jobs", 4))
                    .hasMessageContaining("maxLeases: 4 (expected: 3");
        }
        assertThatThrownBy(() -> coordination.joinElection("-x", new RecordingListener()))
                .hasMessageStartingWith("election group: '-x'");
        assertThatThrownBy(() -> coordination.lock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> coordination.lock("ok").acquire(Duration.ofMillis(-1)))
                .hasMessage("timeout: PT-0.001S (expected: >= 0)");
    }

    @Test
    void sessionEnd_invalidatesTheLeaseAtOnceAndTellsItsHolder() throws Exception {
        Registry holderRegistry = newRegistry();
        DistributedLock lock = holderRegistry.coordination().orElseThrow().lock("expiring");
        Lease lease = lock.acquire(Duration.ofSeconds(5));
        CountDownLatch told = new CountDownLatch(1);
        lease.onInvalidated(told::countDown);

        endSession(holderRegistry);

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
        Registry holderRegistry = newRegistry();
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
    void leaderLeaving_handsOverToTheNextMemberWithALargerToken() throws Exception {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        LeaderElection a = coordination().joinElection("reports", first);
        await().atMost(WAIT).until(first::leads);
        LeaderElection b = coordination().joinElection("reports", second);
        long firstToken = a.fencingToken().orElseThrow();
        assertThat(b.isLeader()).isFalse();
        assertThat(b.fencingToken()).isEmpty();

        long closedAt = System.nanoTime();
        a.close();

        assertThat(a.isLeader()).as("false as soon as close returns").isFalse();
        await().atMost(WAIT).until(second::leads);
        long handOverMillis = TimeUnit.NANOSECONDS.toMillis(second.events.get(0).atNanos() - closedAt);
        assertThat(handOverMillis).isLessThan(1_000);
        assertThat(first.events)
                .extracting(RecordingListener.Event::what)
                .containsExactly("gained " + firstToken, "lost");
        assertThat(b.fencingToken().orElseThrow()).isGreaterThan(firstToken);
        b.close();
    }

    /** A resource that refuses writes carrying a smaller fencing token than one it has seen. */
    public static final class FencedStore {
        private long highest = -1;
        private final List<String> writes = new ArrayList<>();

        public synchronized boolean write(long token, String value) {
            if (token < highest) {
                return false;
            }
            highest = token;
            writes.add(value);
            return true;
        }

        public synchronized List<String> writes() {
            return List.copyOf(writes);
        }
    }

    @Test
    void leaderWhoseSessionIsEndedByTheStoreWhileConnected_isFencedByItsToken() throws Exception {
        // Not a partition: the store ends the session while the old leader's connection looks fine,
        // so the new leader may act before the old one hears of it. The token keeps the store safe.
        FencedStore store = new FencedStore();
        Registry oldRegistry = newRegistry();
        RecordingListener oldListener = new RecordingListener();
        LeaderElection old = oldRegistry.coordination().orElseThrow().joinElection("writer", oldListener);
        await().atMost(WAIT).until(oldListener::leads);
        long oldToken = old.fencingToken().orElseThrow();
        RecordingListener newListener = new RecordingListener(token -> store.write(token, "new"));
        coordination().joinElection("writer", newListener);

        endSession(oldRegistry);

        await().atMost(WAIT).until(newListener::leads);
        await().atMost(WAIT).until(() -> !old.isLeader() && !oldListener.leads());
        assertThat(store.write(oldToken, "old")).isFalse();
        assertThat(store.writes()).containsExactly("new");
    }

    @Test
    void storeOutage_endsLeadershipAndLeasesAtOnce_andTheLeaderCompetesAgainAfter() throws Exception {
        Registry registry = newRegistry();
        RecordingListener listener = new RecordingListener();
        LeaderElection election = registry.coordination().orElseThrow().joinElection("outage", listener);
        await().atMost(WAIT).until(listener::leads);
        Lease lease = registry.coordination().orElseThrow().lock("outage").acquire(WAIT);
        CountDownLatch leaseTold = new CountDownLatch(1);
        lease.onInvalidated(leaseTold::countDown);

        long stoppedAt = System.nanoTime();
        stopStore();

        assertThat(leaseTold.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> !listener.leads());
        long learnedMillis = TimeUnit.NANOSECONDS.toMillis(listener.lostAtNanos() - stoppedAt);
        assertThat(learnedMillis).as("ms until the leader learned").isLessThan(sessionTimeoutMillis());
        assertThat(election.isLeader()).isFalse();
        assertThat(lease.isValid()).isFalse();
        lease.close();

        restartStore();
        await().atMost(WAIT).until(election::isLeader);
        assertThat(lease.isValid()).as("an invalidated lease stays invalid").isFalse();
    }
}
