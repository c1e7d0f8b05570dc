package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.Courier;
import io.courier.spi.ExtensionLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The etcd cluster's own failures, with a real three-member etcd started by the test on 127.0.0.1
 * and given to every client as all three endpoints ({@code etcd://m1,m2,m3}), two provider processes
 * and a consumer application under load (reads, idempotent and retried, and writes, never retried):
 * the etcd leader killed, and the leader and another member stopped for longer than a lease's TTL
 * ({@link #MAJORITY_LOSS}). A watcher registry in
 * this JVM records every provider list etcd delivers, as the consumer's own registry sees them. The
 * scenarios that do not depend on the registry's own topology (a provider killed, a rolling restart, a
 * partition) run on etcd as on ZooKeeper, parametrized by {@link RegistryKind}.
 */
@Timeout(180)
class EtcdFailureIT {

    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final int WORK_MILLIS = 5;
    /**
     * Longer than a lease's TTL (the session timeout, 4 s) by 2 s: the providers' clients go without a
     * renewal for more than the TTL, so they take their leases for lost and must register again, and a
     * lease that etcd expired would have left the list.
     */
    private static final Duration MAJORITY_LOSS = Duration.ofMillis(Fleet.SESSION_TIMEOUT_MILLIS + 2_000L);
    /** How soon after the majority's return every registration and watch must work again (docs/registry.md). */
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    private static final ServiceKey LEDGER = ServiceKey.of(LedgerService.class);

    private Fleet fleet;
    private EtcdCluster etcd;
    private final List<Registry> registries = new CopyOnWriteArrayList<>();
    private long startedNanos;

    @AfterEach
    void stop() {
        try {
            registries.forEach(Registry::close);
            if (fleet != null) {
                fleet.close();
            }
        } finally {
            if (etcd != null) {
                etcd.close();
            }
        }
    }

    private void start(String scenario, int members) {
        startedNanos = System.nanoTime();
        fleet = Fleet.start(scenario);
        etcd = EtcdCluster.start(fleet.directory().resolve("etcd"), members);
        RecordingLoadBalancer.reset();
    }

    /** A registry client of this JVM on the cluster, closed after the test. */
    private Registry registry() {
        RegistryOptions options = RegistryOptions.builder(etcd.address())
                .sessionTimeoutMillis(Fleet.SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(2_000)
                .build();
        Registry registry =
                ExtensionLoader.of(RegistryFactory.class).get("etcd").create(options);
        registries.add(registry);
        return registry;
    }

    /** What a scenario runs: providers, their lists as a watcher sees them, a probe, the load. */
    private record Serving(
            List<ProviderProcess> providers, ProviderLists lists, List<Endpoint> registered, Probe probe, Load load) {}

    /**
     * A three-member cluster, two providers and a consumer on it, a watcher holding both providers, a
     * probe, and reads and writes from the consumer that have made 500 calls.
     */
    private Serving serveUnderLoad(String scenario) {
        start(scenario, 3);
        Map<String, String> config = Map.of(
                "courier.registry.address",
                etcd.address(),
                "courier.registry.session-timeout-millis",
                Integer.toString(Fleet.SESSION_TIMEOUT_MILLIS));
        List<ProviderProcess> providers = fleet.startProviders(config, "p1", "p2");
        Courier consumer = fleet.consumer(config);
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        ProviderLists lists = new ProviderLists();
        registry().subscribe(LEDGER, lists, endpoint -> false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.latest().size() == 2);
        Probe probe = probe();
        Load load = fleet.load(Duration.ofSeconds(150))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);
        lists.resetSmallest();
        return new Serving(providers, lists, lists.latestEndpoints(), probe, load);
    }

    @Test
    void killingTheEtcdLeader_failsNoCall_andKeepsEveryRegistration() {
        Serving serving = serveUnderLoad("etcd-leader-kill");
        Load load = serving.load();
        ProviderLists lists = serving.lists();
        int leader = etcd.leader();
        assertThat(leader).as("the leader").isNotNegative();
        etcd.kill(leader);
        long killedAt = System.nanoTime();
        long beforeKill = load.completed();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            int now = etcd.leader();
            return now >= 0 && now != leader;
        });
        long electedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        // past a lease TTL with the new leader: a lease that was not renewed would have expired by now
        long probeMillis = serving.probe().await(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        System.nanoTime() - killedAt >= TimeUnit.MILLISECONDS.toNanos(2L * Fleet.SESSION_TIMEOUT_MILLIS)
                                && load.completed() - beforeKill >= 1_000);
        load.stop();

        Figures.of("etcd cluster of 3: the leader killed, under load")
                .load(load)
                .put("calls after the kill", load.completed() - beforeKill)
                .put("ms until another member led", electedMillis)
                .put(
                        "ms from the new leader until a new registration reached a watch opened before the kill",
                        probeMillis)
                .put("smallest provider list after the kill", lists.smallest())
                .put("test ms, etcd start included", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                .print();
        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(lists.smallest()).as("smallest provider list after the kill").isEqualTo(2);
        assertThat(lists.latestEndpoints()).isEqualTo(serving.registered());
    }

    @Test
    void majorityStoppedLongerThanALease_failsNoCall_deregistersNoOne_andRecovers() {
        Serving serving = serveUnderLoad("etcd-majority-loss");
        Load load = serving.load();
        ProviderLists lists = serving.lists();
        // the leader and one other: the third member alone has no quorum
        int leader = etcd.leader();
        assertThat(leader).as("the leader").isNotNegative();
        int other = (leader + 1) % etcd.size();
        etcd.kill(leader);
        etcd.kill(other);
        long stoppedAt = System.nanoTime();
        long beforeOutage = load.completed();
        await().atMost(MAJORITY_LOSS.plusSeconds(10))
                .until(() -> System.nanoTime() - stoppedAt >= MAJORITY_LOSS.toNanos());
        long callsDuringOutage = load.completed() - beforeOutage;
        etcd.restart(leader);
        etcd.restart(other);
        long backAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).until(etcd::healthy);
        long healthyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);
        long probeMillis = serving.probe().await(RECOVERY.plusSeconds(20));
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);
        // two lease TTLs on: a provider whose lease was no longer renewed would have left the list by now
        await().during(Duration.ofMillis(2L * Fleet.SESSION_TIMEOUT_MILLIS))
                .atMost(Duration.ofSeconds(30))
                .until(() -> lists.latest().size() == 2);
        long afterReturn = load.completed();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load.completed() - afterReturn >= 500
                        && serving.providers().stream().allMatch(p -> load.servedBy(p.name()) > 0));
        load.stop();

        Figures.of("etcd cluster of 3: leader and one other member stopped for " + MAJORITY_LOSS.toMillis()
                        + " ms (no quorum), under load")
                .load(load)
                .put("calls completed while there was no quorum", callsDuringOutage)
                .put("ms after the members returned until the cluster was healthy", healthyMillis)
                .put(
                        "ms after the members returned until a new registration reached a watch opened before the stop",
                        recoveredMillis)
                .put("of which the registration itself", probeMillis)
                .put("smallest provider list from the stop on", lists.smallest())
                .put("test ms, etcd start included", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                .print();
        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(callsDuringOutage).as("calls while there was no quorum").isPositive();
        assertThat(lists.smallest())
                .as("smallest provider list from the stop on")
                .isEqualTo(2);
        assertThat(lists.latestEndpoints()).isEqualTo(serving.registered());
        assertThat(recoveredMillis).as("ms to recover").isLessThanOrEqualTo(RECOVERY.toMillis());
    }

    /**
     * A watch, opened now, of a service of its own; {@link Probe#await} registers an instance of it
     * through another client and waits until this watch delivers it: etcd accepts writes again and a
     * watch that lived through the failure follows again.
     */
    private Probe probe() {
        ServiceKey probeKey = ServiceKey.parse("io.courier.it.Probe");
        ProviderLists probes = new ProviderLists();
        registry().subscribe(probeKey, probes, endpoint -> false);
        return new Probe(probeKey, probes, registry());
    }

    private record Probe(ServiceKey service, ProviderLists lists, Registry registrar) {
        private static final AtomicInteger PORTS = new AtomicInteger();

        /** @return how long the registration took to reach the watch, in milliseconds */
        long await(Duration within) {
            long start = System.nanoTime();
            Endpoint endpoint = Endpoint.of("127.0.0.1", PORTS.incrementAndGet());
            registrar.register(ServiceInstance.builder(service, endpoint).build());
            Awaitility.await().atMost(within).until(() -> lists.latestEndpoints()
                    .contains(endpoint));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }
}
