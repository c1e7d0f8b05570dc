package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.CoordinationContract;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.Lease;
import io.courier.api.coordination.RecordingListener;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.etcd.internal.coordination.EtcdCoordination;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The coordination contract on a real etcd (one server for the class, a registry root per test),
 * through the etcd registry's coordination; and where its keys live.
 */
class EtcdCoordinationContractTest extends CoordinationContract {

    // 5 s: at load averages of 20 on 2 cores, renewals of a 3 s lease were seen to arrive too late
    private static final long SESSION_TIMEOUT_MILLIS = 5_000;
    private static final AtomicInteger ROOTS = new AtomicInteger();

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    private String root;

    @BeforeEach
    void newRoot() {
        root = "/coordination-" + ROOTS.incrementAndGet();
    }

    @Override
    protected Registry openRegistry() {
        return new EtcdRegistryFactory()
                .create(RegistryOptions.builder(ETCD.server().address())
                        .root(root)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .build());
    }

    /** Revokes the coordination's lease from another client, as etcd does when the TTL runs out. */
    @Override
    protected void endSession(Registry registry) throws Exception {
        EtcdCoordination coordination =
                (EtcdCoordination) registry.coordination().orElseThrow();
        try (Client other = ETCD.server().client()) {
            other.getLeaseClient().revoke(coordination.leaseId()).get(5, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void stopStore() {
        ETCD.server().stop();
    }

    @Override
    protected void restartStore() {
        ETCD.server().restart();
    }

    @Override
    protected long sessionTimeoutMillis() {
        return SESSION_TIMEOUT_MILLIS;
    }

    @Test
    void silentEtcd_endsLeadershipAndLeasesBeforeTheLeaseCouldExpire_andTheLeaderCompetesAgainAfter() throws Exception {
        Coordination coordination = newRegistry().coordination().orElseThrow();
        RecordingListener listener = new RecordingListener();
        LeaderElection election = coordination.joinElection("silent", listener);
        await().atMost(WAIT).until(listener::leads);
        Lease lease = coordination.lock("silent").acquire(WAIT);
        CountDownLatch leaseTold = new CountDownLatch(1);
        lease.onInvalidated(leaseTold::countDown);

        long pausedAt = System.nanoTime();
        ETCD.server().pause(); // connections open, nothing answered: what a partition looks like to the client
        long learnedMillis;
        try {
            assertThat(leaseTold.await(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT).until(() -> !listener.leads());
            learnedMillis = TimeUnit.NANOSECONDS.toMillis(listener.lostAtNanos() - pausedAt);
            assertThat(election.isLeader()).isFalse();
            assertThat(lease.isValid()).isFalse();
        } finally {
            ETCD.server().resume();
        }
        LoggerFactory.getLogger(EtcdCoordinationContractTest.class)
                .info(
                        "silent etcd: the leader learned after {} ms (lease TTL {} ms)",
                        learnedMillis,
                        SESSION_TIMEOUT_MILLIS);
        assertThat(learnedMillis)
                .as("ms until the leader learned: before etcd could expire its lease")
                .isLessThan(SESSION_TIMEOUT_MILLIS);
        lease.close();
        await().atMost(WAIT).until(election::isLeader);
    }

    @Test
    void lockKeys_liveUnderTheDocumentedPrefix_withTheTokenAsTheirCreateRevision() throws Exception {
        try (Client inspector = ETCD.server().client()) {
            ByteSequence prefix = ByteSequence.from(root + "/_coordination/locks/where/", StandardCharsets.UTF_8);
            try (Lease lease =
                    newRegistry().coordination().orElseThrow().lock("where").acquire(WAIT)) {
                var kvs = inspector
                        .getKVClient()
                        .get(prefix, GetOption.builder().isPrefix(true).build())
                        .get(5, TimeUnit.SECONDS)
                        .getKvs();
                assertThat(kvs).singleElement().satisfies(kv -> {
                    assertThat(kv.getCreateRevision()).isEqualTo(lease.fencingToken());
                    assertThat(kv.getLease()).isNotZero();
                });
            }
            await().atMost(WAIT).until(() -> inspector
                    .getKVClient()
                    .get(prefix, GetOption.builder().isPrefix(true).build())
                    .get(5, TimeUnit.SECONDS)
                    .getKvs()
                    .isEmpty());
        }
    }
}
