package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.registry.zookeeper.testing.EnsembleSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-server ZooKeeper ensemble (Curator's {@code TestingCluster}) loses members while two
 * provider processes serve a consumer under load: first the server the consumer's session is
 * connected to, then two of the three for longer than a session ({@link #QUORUM_LOSS}; no quorum:
 * every client is cut off and sessions run out). Calls never need ZooKeeper, so not one fails; when the servers return, the providers' and the
 * consumer's nodes are back, owned by connected sessions, within 5 s.
 */
@Timeout(240)
class EnsembleFailureIT {

    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final int WORK_MILLIS = 5;
    /** Sessions may last 1 to 20 ticks: the fleet's 4 s sessions are the longest the servers grant. */
    private static final int TICK_MILLIS = 200;

    /**
     * The session timeout (4 s) and 2 s more: every client is cut off for longer than its session, so
     * the sessions run out and the nodes come back under new ones.
     */
    private static final Duration QUORUM_LOSS = Duration.ofMillis(Fleet.SESSION_TIMEOUT_MILLIS + 2_000L);

    private static final Duration CONVERGENCE = Duration.ofSeconds(5);
    private static final String PROVIDERS = RegistryTree.providers("/courier");
    private static final String CONSUMERS = RegistryTree.consumers("/courier");

    private TestingCluster cluster;
    private Fleet fleet;
    private RegistryTree tree;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestingCluster(EnsembleSpecs.ensemble(TICK_MILLIS));
        cluster.start();
        fleet = Fleet.start("ensemble-failure");
        tree = RegistryTree.connect(cluster.getConnectString());
        RecordingLoadBalancer.reset();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (tree != null) {
                tree.close();
            }
            if (fleet != null) {
                fleet.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void killingTheServerTheConsumerIsConnectedTo_failsNoCall_andKeepsEverySession() throws Exception {
        List<ProviderProcess> providers = startProviders();
        Courier consumer = fleet.consumer(ensemble());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tree.owners(CONSUMERS).size() == 1);
        long consumerSession = tree.owners(CONSUMERS).firstEntry().getValue();
        TreeMap<String, Long> providerOwners = tree.owners(PROVIDERS);
        InstanceSpec connected = serverOf(consumerSession);

        Load load = fleet.load(Duration.ofSeconds(120))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);

        assertThat(cluster.killServer(connected)).isTrue();
        long killedAt = System.nanoTime();
        long beforeKill = load.completed();
        await().atMost(Duration.ofSeconds(20)).until(() -> serverOfOrNull(consumerSession) != null);
        long reconnectedMillis = millisSince(killedAt);
        InstanceSpec now = serverOfOrNull(consumerSession);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() - beforeKill >= 1_000);
        load.stop();

        Figures.of("ensemble of 3: the server the consumer was connected to killed, under load")
                .load(load)
                .put("calls after the kill", load.completed() - beforeKill)
                .put("ms until the consumer's session was on another server", reconnectedMillis)
                .print();

        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(now).as("the server now holding the consumer's session").isNotEqualTo(connected);
        assertThat(tree.owners(CONSUMERS).firstEntry().getValue())
                .as("the consumer's session")
                .isEqualTo(consumerSession);
        assertThat(tree.owners(PROVIDERS))
                .as("the providers' nodes and sessions")
                .isEqualTo(providerOwners);
    }

    @Test
    void losingTheQuorumLongerThanASession_failsNoCall_andRegistrationsConvergeWithinFiveSeconds() throws Exception {
        List<ProviderProcess> providers = startProviders();
        Courier consumer = fleet.consumer(ensemble());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tree.owners(CONSUMERS).size() == 1);
        Set<Long> sessionsBefore = new HashSet<>(tree.owners(PROVIDERS).values());
        sessionsBefore.addAll(tree.owners(CONSUMERS).values());
        List<String> endpoints = tree.children(PROVIDERS);
        assertThat(endpoints).hasSize(2);

        Load load = fleet.load(Duration.ofSeconds(150))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);

        // the consumer's server and one other: no quorum, so the third refuses every client too
        InstanceSpec consumerServer =
                serverOf(tree.owners(CONSUMERS).firstEntry().getValue());
        List<InstanceSpec> killed = new ArrayList<>(List.of(consumerServer));
        cluster.getInstances().stream()
                .filter(spec -> !spec.equals(consumerServer))
                .findFirst()
                .ifPresent(killed::add);
        for (InstanceSpec server : killed) {
            assertThat(cluster.killServer(server)).isTrue();
        }
        long killedAt = System.nanoTime();
        long beforeOutage = load.completed();
        await().atMost(QUORUM_LOSS.plusSeconds(10)).until(() -> System.nanoTime() - killedAt >= QUORUM_LOSS.toNanos());
        long callsDuringOutage = load.completed() - beforeOutage;
        for (InstanceSpec server : killed) {
            assertThat(cluster.restartServer(server)).isTrue();
        }
        long backAt = System.nanoTime();

        // converged: both providers and the consumer registered, each node owned by a connected session
        await().atMost(CONVERGENCE.plusSeconds(25)).until(() -> converged(endpoints));
        long convergedMillis = millisSince(backAt);
        Set<Long> sessionsAfter = new HashSet<>(tree.owners(PROVIDERS).values());
        sessionsAfter.addAll(tree.owners(CONSUMERS).values());
        long afterReturn = load.completed();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load.completed() - afterReturn >= 500
                        && providers.stream().allMatch(p -> load.servedBy(p.name()) > 0));
        load.stop();

        Figures.of("ensemble of 3: two servers killed for " + QUORUM_LOSS.toMillis() + " ms (no quorum), under load")
                .load(load)
                .put("calls completed while there was no quorum", callsDuringOutage)
                .put("ms after the servers returned until every node was owned by a connected session", convergedMillis)
                .put(
                        "sessions replaced",
                        sessionsBefore.stream()
                                .filter(s -> !sessionsAfter.contains(s))
                                .count())
                .print();

        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(callsDuringOutage).as("calls while there was no quorum").isPositive();
        assertThat(convergedMillis).as("ms to converge").isLessThanOrEqualTo(CONVERGENCE.toMillis());
    }

    private List<ProviderProcess> startProviders() {
        return fleet.startProviders(ensemble(), "p1", "p2");
    }

    private Map<String, String> ensemble() {
        return Map.of("courier.registry.address", "zookeeper://" + cluster.getConnectString());
    }

    private boolean converged(List<String> endpoints) {
        TreeMap<String, Long> providers = tree.owners(PROVIDERS);
        TreeMap<String, Long> consumers = tree.owners(CONSUMERS);
        if (!List.copyOf(providers.keySet()).equals(endpoints) || consumers.size() != 1) {
            return false;
        }
        Set<Long> live = new HashSet<>();
        for (InstanceSpec server : cluster.getInstances()) {
            live.addAll(RegistryTree.sessionsConnectedTo(server.getPort()));
        }
        return live.containsAll(providers.values()) && live.containsAll(consumers.values());
    }

    private InstanceSpec serverOf(long session) {
        InstanceSpec server = serverOfOrNull(session);
        assertThat(server)
                .as("the server holding session 0x%s", Long.toHexString(session))
                .isNotNull();
        return server;
    }

    private InstanceSpec serverOfOrNull(long session) {
        for (InstanceSpec server : cluster.getInstances()) {
            if (RegistryTree.sessionsConnectedTo(server.getPort()).contains(session)) {
                return server;
            }
        }
        return null;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
