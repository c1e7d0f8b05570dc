package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.expireSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader election over a real ZooKeeper: hand-over, session expiry with fencing, and an outage. */
@Timeout(60)
class LeadershipTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final CoordinationServer zooKeeper = new CoordinationServer();

    private final TestingServer server = zooKeeper.server;

    private ZooKeeperRegistry newRegistry() {
        return zooKeeper.newRegistry();
    }

    /** A resource that refuses writes carrying a smaller fencing token than one it has seen. */
    static final class FencedStore {
        private long highest = -1;
        private final List<String> writes = new ArrayList<>();

        synchronized boolean write(long token, String value) {
            if (token < highest) {
                return false;
            }
            highest = token;
            writes.add(value);
            return true;
        }

        synchronized List<String> writes() {
            return List.copyOf(writes);
        }
    }

    @Test
    void leaderLeaving_handsOverToTheNextMemberWithALargerToken() throws Exception {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        LeaderElection a = newRegistry().coordination().orElseThrow().joinElection("reports", first);
        await().atMost(WAIT).until(first::leads);
        LeaderElection b = newRegistry().coordination().orElseThrow().joinElection("reports", second);
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
    }

    @Test
    void leaderCutOffUntilItsSessionExpires_learnsItBeforeTheNewLeaderActs() throws Exception {
        FencedStore store = new FencedStore();
        try (PartitionProxy link = new PartitionProxy(server.getPort())) {
            ZooKeeperRegistry oldRegistry = zooKeeper.newRegistry(link.connectString());
            RecordingListener oldListener = new RecordingListener();
            LeaderElection old = oldRegistry.coordination().orElseThrow().joinElection("writer", oldListener);
            await().atMost(WAIT).until(oldListener::leads);
            long oldToken = old.fencingToken().orElseThrow();
            assertThat(store.write(oldToken, "old 1")).isTrue();

            AtomicReference<Boolean> oldLedWhenNewActed = new AtomicReference<>();
            RecordingListener newListener = new RecordingListener(token -> {
                oldLedWhenNewActed.set(old.isLeader());
                store.write(token, "new 1");
            });
            newRegistry().coordination().orElseThrow().joinElection("writer", newListener);

            long cutAt = System.nanoTime();
            link.partition(); // the old leader hears nothing; the server expires its session

            await().atMost(WAIT).until(newListener::leads);
            long newActedAt = newListener.events.get(0).atNanos();
            assertThat(oldLedWhenNewActed.get())
                    .as("the old leader's isLeader() when the new one acted")
                    .isFalse();
            assertThat(oldListener.lostAtNanos()).isLessThan(newActedAt);
            log(
                    "old leader learned after {} ms, new leader acted after {} ms (session timeout {} ms)",
                    cutAt,
                    oldListener.lostAtNanos(),
                    newActedAt);
            // a stale write (a leader paused past all this) is refused by its token
            assertThat(store.write(oldToken, "old 2")).isFalse();
            assertThat(store.writes()).containsExactly("old 1", "new 1");

            link.heal(); // back, it finds its session expired, and competes again without leading
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !old.isLeader());
        }
    }

    @Test
    void leaderWhoseSessionIsEndedByTheServerWhileConnected_isFencedByItsToken() throws Exception {
        // Not a partition: the server ends the session while the old leader's connection looks fine,
        // so the new leader may act before the old one hears of it. The token keeps the store safe.
        FencedStore store = new FencedStore();
        ZooKeeperRegistry oldRegistry = newRegistry();
        RecordingListener oldListener = new RecordingListener();
        LeaderElection old = oldRegistry.coordination().orElseThrow().joinElection("writer", oldListener);
        await().atMost(WAIT).until(oldListener::leads);
        long oldToken = old.fencingToken().orElseThrow();
        RecordingListener newListener = new RecordingListener(token -> store.write(token, "new"));
        newRegistry().coordination().orElseThrow().joinElection("writer", newListener);

        expireSession(oldRegistry, server.getConnectString());

        await().atMost(WAIT).until(newListener::leads);
        await().atMost(WAIT).until(() -> !old.isLeader() && !oldListener.leads());
        assertThat(store.write(oldToken, "old")).isFalse();
        assertThat(store.writes()).containsExactly("new");
    }

    private static void log(String format, long startNanos, long firstNanos, long secondNanos) {
        org.slf4j.LoggerFactory.getLogger(LeadershipTest.class)
                .info(
                        format,
                        TimeUnit.NANOSECONDS.toMillis(firstNanos - startNanos),
                        TimeUnit.NANOSECONDS.toMillis(secondNanos - startNanos),
                        ZooKeeperTesting.SESSION_TIMEOUT_MILLIS);
    }

    @Test
    void zooKeeperOutage_endsLeadershipAndLeasesAtOnce() throws Exception {
        ZooKeeperRegistry registry = newRegistry();
        RecordingListener listener = new RecordingListener();
        LeaderElection election = registry.coordination().orElseThrow().joinElection("outage", listener);
        await().atMost(WAIT).until(listener::leads);
        Lease lease = registry.coordination().orElseThrow().lock("outage").acquire(WAIT);
        CountDownLatch leaseTold = new CountDownLatch(1);
        lease.onInvalidated(leaseTold::countDown);

        long stoppedAt = System.nanoTime();
        server.stop();

        assertThat(leaseTold.await(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> !listener.leads());
        long learnedMillis = TimeUnit.NANOSECONDS.toMillis(listener.lostAtNanos() - stoppedAt);
        assertThat(learnedMillis).as("ms until the leader learned").isLessThan(ZooKeeperTesting.SESSION_TIMEOUT_MILLIS);
        assertThat(election.isLeader()).isFalse();
        assertThat(lease.isValid()).isFalse();
        lease.close();

        server.restart();
        await().atMost(WAIT).until(election::isLeader);
        assertThat(lease.isValid()).as("an invalidated lease stays invalid").isFalse();
    }
}
