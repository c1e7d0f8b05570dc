package io.courier.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.CoordinationContract;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.RecordingListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Leader election over a real ZooKeeper cut off by a partition; what every registry's election does is
 * {@link ZooKeeperCoordinationContractTest}.
 */
@Timeout(60)
class LeadershipTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final CoordinationServer zooKeeper = new CoordinationServer();

    private final TestingServer server = zooKeeper.server;

    private ZooKeeperRegistry newRegistry() {
        return zooKeeper.newRegistry();
    }

    @Test
    void leaderCutOffUntilItsSessionExpires_learnsItBeforeTheNewLeaderActs() throws Exception {
        CoordinationContract.FencedStore store = new CoordinationContract.FencedStore();
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

    private static void log(String format, long startNanos, long firstNanos, long secondNanos) {
        org.slf4j.LoggerFactory.getLogger(LeadershipTest.class)
                .info(
                        format,
                        TimeUnit.NANOSECONDS.toMillis(firstNanos - startNanos),
                        TimeUnit.NANOSECONDS.toMillis(secondNanos - startNanos),
                        ZooKeeperTesting.SESSION_TIMEOUT_MILLIS);
    }
}
