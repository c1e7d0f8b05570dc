package io.courier.registry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.coordination.CoordinationContract;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.Lease;
import io.courier.api.coordination.RecordingListener;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.kubernetes.internal.LeaseCoordination;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordination contract on a Kubernetes API server ({@link KubernetesApiServer}, one for the class, a
 * root per test), through the registry's Leases; read/write locks and semaphores are checked as refused.
 * The session a Lease stands for ends when the Lease is not renewed for its duration; an outage is the
 * API server answering 503. And what only Leases show: leadership passes on when the leader's renewals
 * stop without a release (a crash), after the Lease's duration.
 */
class KubernetesCoordinationContractTest extends CoordinationContract {

    private static final String NAMESPACE = "courier-coordination";
    // 5 s, as on etcd: at load averages of 20 on 2 cores a renewal of a 3 s lease may arrive too late
    private static final long SESSION_TIMEOUT_MILLIS = 5_000;
    private static final AtomicInteger ROOTS = new AtomicInteger();
    private static final KubernetesApiServer server = new KubernetesApiServer();

    private String root;

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newRoot() {
        root = "/coordination-" + ROOTS.incrementAndGet();
        server.outage(false);
    }

    @Override
    protected Registry openRegistry() {
        return new KubernetesRegistryFactory().create(options());
    }

    private RegistryOptions options() {
        return RegistryOptions.builder(server.address(NAMESPACE))
                .root(root)
                .connectionTimeoutMillis(2_000)
                .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                .build();
    }

    @Override
    protected boolean offersReadWriteLocks() {
        return false;
    }

    @Override
    protected boolean offersSemaphores() {
        return false;
    }

    /**
     * Moves the renewTime of every Lease the registry holds back past the Lease's duration, as the API
     * server sees it when the holder's renewals stopped long enough (a paused process): others may take
     * them, and the holder's next renewal finds them changed.
     */
    @Override
    protected void endSession(Registry registry) {
        String id = ((LeaseCoordination) registry.coordination().orElseThrow()).id();
        try (KubernetesClient api =
                KubernetesClients.build(KubernetesAddress.parse(server.address(NAMESPACE)), options())) {
            for (var lease : api.leases().inNamespace(NAMESPACE).list().getItems()) {
                LeaseSpec spec = lease.getSpec();
                if (spec.getHolderIdentity() != null && spec.getHolderIdentity().startsWith(id)) {
                    spec.setRenewTime(ZonedDateTime.now().minusSeconds(spec.getLeaseDurationSeconds() + 1L));
                    api.leases().inNamespace(NAMESPACE).resource(lease).update();
                }
            }
        }
    }

    @Override
    protected void stopStore() {
        server.outage(true);
    }

    @Override
    protected void restartStore() {
        server.outage(false);
    }

    @Override
    protected long sessionTimeoutMillis() {
        return SESSION_TIMEOUT_MILLIS;
    }

    @Test
    void theApiServerRefusesAStaleWriteAndASecondCreate_soOfTwoTakersOneWins() {
        try (KubernetesClient api =
                KubernetesClients.build(KubernetesAddress.parse(server.address(NAMESPACE)), options())) {
            var leases = api.leases().inNamespace(NAMESPACE);
            var lease = new LeaseBuilder()
                    .withNewMetadata()
                    .withName("stale-write")
                    .endMetadata()
                    .withNewSpec()
                    .withHolderIdentity("a")
                    .endSpec()
                    .build();
            var read = leases.resource(lease).create();
            assertThatThrownBy(() -> leases.resource(lease).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                            .isEqualTo(409));
            var first = leases.withName("stale-write").get();
            first.getSpec().setHolderIdentity("b");
            leases.resource(first).update();
            read.getSpec().setHolderIdentity("c"); // carries the resourceVersion before b's write
            assertThatThrownBy(() -> leases.resource(read).update())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                            .isEqualTo(409));
            assertThat(leases.withName("stale-write").get().getSpec().getHolderIdentity())
                    .isEqualTo("b");
        }
    }

    @Test
    void leaderWhoseRenewalsStop_handsOverAfterTheLeaseDuration_andALockPassesOnToo() throws Exception {
        Registry crashing = newRegistry();
        RecordingListener old = new RecordingListener();
        LeaderElection leader = crashing.coordination().orElseThrow().joinElection("crashing", old);
        await().atMost(WAIT).until(old::leads);
        Lease lock = crashing.coordination().orElseThrow().lock("crashing").acquire(WAIT);
        long oldToken = leader.fencingToken().orElseThrow();
        RecordingListener next = new RecordingListener();
        LeaderElection follower = newRegistry().coordination().orElseThrow().joinElection("crashing", next);

        long crashedAt = System.nanoTime();
        ((KubernetesRegistry) crashing).abandon(); // renewals stop, nothing released

        await().atMost(WAIT).until(next::leads);
        long handOverMillis = TimeUnit.NANOSECONDS.toMillis(next.events.get(0).atNanos() - crashedAt);
        System.out.printf(
                "Lease leader election: hand-over %d ms after the leader's renewals stopped (Lease duration %d ms)%n",
                handOverMillis, SESSION_TIMEOUT_MILLIS);
        // the Lease was last renewed at most a third of its duration before the crash, and is taken within a poll after
        assertThat(handOverMillis).isBetween(SESSION_TIMEOUT_MILLIS * 2 / 3 - 100, SESSION_TIMEOUT_MILLIS + 2_000);
        assertThat(follower.fencingToken().orElseThrow()).isGreaterThan(oldToken);
        try (Lease taken =
                newRegistry().coordination().orElseThrow().lock("crashing").acquire(WAIT)) {
            assertThat(taken.fencingToken()).isGreaterThan(lock.fencingToken());
        }
    }
}
