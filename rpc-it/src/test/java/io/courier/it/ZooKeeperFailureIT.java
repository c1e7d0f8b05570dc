package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import io.courier.registry.zookeeper.internal.Layout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZooKeeper fails while calls run: the server stops and comes back, then every session (providers'
 * and consumer's) expires, five times in a row. Calls never needed ZooKeeper on their path, so not
 * one fails; after each failure the providers' registrations are back, one node each, owned by live
 * sessions within the session timeout + 1 s, and both providers serve the consumer again within 3 s.
 *
 * <p>Losing members of a replicated ensemble is {@code EnsembleFailureIT}.
 */
@Timeout(180)
class ZooKeeperFailureIT {

    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final int WORK_MILLIS = 5;
    private static final Duration OUTAGE = Duration.ofMillis(1_500);
    private static final String PROVIDERS = new Layout("/courier").providers(ServiceKey.of(LedgerService.class));
    private static final String CONSUMERS = RegistryTree.consumers("/courier");

    private static final int EXPIRY_ROUNDS = 5;

    private Fleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = Fleet.start("zookeeper-failure");
        RecordingLoadBalancer.reset();
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void zooKeeperRestartAndSessionExpiryUnderLoad_failNoCall_andRegistrationsComeBack() throws Exception {
        List<ProviderProcess> providers = fleet.startProviders("p1", "p2");
        Courier consumer = fleet.consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        Set<Long> firstOwners = owners(2);

        Load load = fleet.load(Duration.ofSeconds(120))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);

        // 1. The server stops for longer than a heartbeat but shorter than the sessions.
        fleet.zooKeeper().stop();
        long stoppedAt = System.nanoTime();
        long beforeOutage = load.completed();
        await().atMost(OUTAGE.plusSeconds(10)).until(() -> System.nanoTime() - stoppedAt >= OUTAGE.toNanos());
        long callsDuringOutage = load.completed() - beforeOutage;
        fleet.zooKeeper().restart();
        long restartedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> owners(2).equals(firstOwners));
        long sameNodesMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);

        // 2. Every session expires, five times in a row: after each, the providers' nodes must come
        // back in new sessions, the consumer's too, and the consumer must be served by both again.
        long afterRestart = load.completed();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() - afterRestart >= 300);
        Set<Long> owners = firstOwners;
        long consumerSession = consumerSession();
        int expired = 0;
        List<Long> reRegisteredMillis = new ArrayList<>();
        List<Long> consumerBackMillis = new ArrayList<>();
        List<Long> servedAgainMillis = new ArrayList<>();
        for (int round = 0; round < EXPIRY_ROUNDS; round++) {
            Set<Long> previousOwners = owners;
            long previousConsumerSession = consumerSession;
            Map<String, Long> servedBefore = new HashMap<>();
            providers.forEach(p -> servedBefore.put(p.name(), load.servedBy(p.name())));
            expired += fleet.zooKeeper().expireSessions();
            long expiredAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> providers.stream()
                    .allMatch(p -> load.servedBy(p.name()) > servedBefore.get(p.name())));
            servedAgainMillis.add(millisSince(expiredAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Set<Long> now = owners(2);
                return now.size() == 2 && now.stream().noneMatch(previousOwners::contains);
            });
            reRegisteredMillis.add(millisSince(expiredAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long now = consumerSession();
                return now != 0 && now != previousConsumerSession;
            });
            consumerBackMillis.add(millisSince(expiredAt));
            owners = owners(2);
            consumerSession = consumerSession();
        }
        long afterExpiry = load.completed();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load.completed() - afterExpiry >= 500
                        && providers.stream().allMatch(p -> load.servedBy(p.name()) > 0));
        load.stop();
        consumer.close();
        long closedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumerSession() == -1);
        long consumerGoneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closedAt);

        Ledgers ledgers = fleet.ledgers();
        Figures.of("ZooKeeper stopped for 1.5 s and restarted, then every session expired, under load")
                .load(load)
                .put("calls completed while ZooKeeper was down", callsDuringOutage)
                .put("ms after restart until both registrations were seen (same nodes)", sameNodesMillis)
                .put("sessions expired", expired)
                .put("ms after each expiry until both registrations were back in new sessions", reRegisteredMillis)
                .put("ms after each expiry until the consumer node was back in a new session", consumerBackMillis)
                .put("ms after each expiry until both providers had served the consumer again", servedAgainMillis)
                .put("ms after the consumer closed until its node was gone", consumerGoneMillis)
                .print();

        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(callsDuringOutage).as("calls while ZooKeeper was down").isPositive();
        for (Load.Outcome outcome : load.outcomes()) {
            if (outcome.kind().equals("write")) {
                assertThat(ledgers.executions(outcome.id()))
                        .as("write %d", outcome.id())
                        .isEqualTo(1);
            }
        }
        assertThat(reRegisteredMillis).hasSize(EXPIRY_ROUNDS).allSatisfy(ms -> assertThat(ms)
                .isLessThanOrEqualTo(Fleet.SESSION_TIMEOUT_MILLIS + 1_000L));
        assertThat(consumerBackMillis)
                .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(Fleet.SESSION_TIMEOUT_MILLIS + 1_000L));
        assertThat(servedAgainMillis).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(3_000L));
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * The session owning the consumer's node (its application name checked), -1 once there is none,
     * or 0 while it cannot be read.
     */
    private long consumerSession() throws Exception {
        try (RegistryTree tree = RegistryTree.connect(fleet.zooKeeper().connectString())) {
            Map<String, Long> owners = tree.owners(CONSUMERS);
            if (owners.isEmpty()) {
                return tree.children(CONSUMERS).isEmpty() ? -1 : 0;
            }
            String node = CONSUMERS + "/" + owners.keySet().iterator().next();
            assertThat(tree.data(node)).contains("\"application\": \"it-consumer\"");
            return owners.values().iterator().next();
        } catch (IllegalStateException e) {
            return 0; // ZooKeeper did not answer in time
        }
    }

    /**
     * The sessions owning the provider nodes, read with a fresh client; fewer than {@code expected}
     * nodes (or none reachable) gives an empty set.
     */
    private Set<Long> owners(int expected) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(fleet.zooKeeper().connectString(), 4_000, event -> {
            if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            if (!connected.await(5, TimeUnit.SECONDS)) {
                return Set.of();
            }
            List<String> children = client.getChildren(PROVIDERS, false);
            if (children.size() != expected) {
                return Set.of();
            }
            Set<Long> owners = new HashSet<>();
            for (String child : children) {
                Stat stat = client.exists(PROVIDERS + "/" + child, false);
                if (stat == null) {
                    return Set.of();
                }
                owners.add(stat.getEphemeralOwner());
            }
            return owners;
        } catch (KeeperException e) {
            return Set.of();
        } finally {
            client.close();
        }
    }
}
