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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry failures of the suite on etcd ({@code rpc-registry-etcd}), with a real etcd started by
 * the test on 127.0.0.1 (one member, or a cluster of three given to every client as all three
 * endpoints), two or three provider processes and a consumer application under load (reads, which
 * are idempotent and retried, and writes, never retried): a provider killed with SIGKILL, the etcd
 * leader killed, and the majority of the cluster stopped for 10 s. A watcher registry in this JVM
 * records every provider list etcd delivers, as the consumer's own registry sees them.
 */
@Timeout(180)
class EtcdFailureIT {

    /** The lease TTL of the crash scenario: etcd's minimum with its default election timeout, rounded up. */
    private static final int CRASH_TTL_MILLIS = 2_000;

    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final int WORK_MILLIS = 5;
    private static final Duration MAJORITY_LOSS = Duration.ofSeconds(10);
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

    private Map<String, String> onEtcd(int sessionMillis) {
        return Map.of(
                "courier.registry.address", etcd.address(),
                "courier.registry.session-timeout-millis", Integer.toString(sessionMillis));
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

    @Test
    void killedProvider_leavesWithinTheLeaseTtlPlusOneSecond_andNoReadFails() {
        start("etcd-provider-kill", 1);
        Map<String, String> config = onEtcd(CRASH_TTL_MILLIS);
        List<ProviderProcess> providers = fleet.startProviders(config, "p1", "p2", "p3");
        ProviderProcess victim = providers.get(1);
        Courier consumer = fleet.consumer(config);
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        Lists lists = new Lists();
        registry().subscribe(LEDGER, lists, endpoint -> false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.latest().size() == 3);

        Load load = fleet.load(Duration.ofSeconds(120)).add("read", 8, id -> service.read(id, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.servedBy(victim.name()) >= 200);
        long killedAt = System.nanoTime();
        victim.kill();
        await().atMost(Duration.ofMillis(CRASH_TTL_MILLIS + 1_000))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !lists.latestEndpoints().contains(victim.endpoint()));
        long goneMillis = TimeUnit.NANOSECONDS.toMillis(lists.lastNanos.get() - killedAt);
        long afterKill = load.completed();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() - afterKill >= 2_000);
        load.stop();

        Figures.of("etcd: provider killed (SIGKILL) under load, 3 providers, 8 readers, lease TTL 2 s")
                .load(load)
                .put("ms from the kill until its registration left the consumers' list", goneMillis)
                .put("test ms, etcd start included", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                .print();
        assertThat(load.failures()).as("failed reads").isEmpty();
        assertThat(lists.latest()).hasSize(2);
    }

    @Test
    void killingTheEtcdLeader_failsNoCall_andKeepsEveryRegistration() {
        start("etcd-leader-kill", 3);
        Map<String, String> config = onEtcd(Fleet.SESSION_TIMEOUT_MILLIS);
        List<ProviderProcess> providers = fleet.startProviders(config, "p1", "p2");
        Courier consumer = fleet.consumer(config);
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        Lists lists = new Lists();
        registry().subscribe(LEDGER, lists, endpoint -> false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.latest().size() == 2);
        List<Endpoint> registered = lists.latestEndpoints();
        Probe probe = probe();

        Load load = fleet.load(Duration.ofSeconds(120))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);
        int leader = etcd.leader();
        assertThat(leader).as("the leader").isNotNegative();
        lists.resetSmallest();
        etcd.kill(leader);
        long killedAt = System.nanoTime();
        long beforeKill = load.completed();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            int now = etcd.leader();
            return now >= 0 && now != leader;
        });
        long electedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        // past a lease TTL with the new leader: a lease that was not renewed would have expired by now
        long probeMillis = probe.await(Duration.ofSeconds(20));
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
                .put("smallest provider list after the kill", lists.smallest.get())
                .put("test ms, etcd start included", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                .print();
        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(lists.smallest.get())
                .as("smallest provider list after the kill")
                .isEqualTo(2);
        assertThat(lists.latestEndpoints()).isEqualTo(registered);
    }

    @Test
    void majorityStoppedForTenSeconds_failsNoCall_deregistersNoOne_andRecovers() {
        start("etcd-majority-loss", 3);
        Map<String, String> config = onEtcd(Fleet.SESSION_TIMEOUT_MILLIS);
        List<ProviderProcess> providers = fleet.startProviders(config, "p1", "p2");
        Courier consumer = fleet.consumer(config);
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        Lists lists = new Lists();
        registry().subscribe(LEDGER, lists, endpoint -> false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.latest().size() == 2);
        List<Endpoint> registered = lists.latestEndpoints();
        Probe probe = probe();

        Load load = fleet.load(Duration.ofSeconds(150))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 500);
        lists.resetSmallest();
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
        long probeMillis = probe.await(RECOVERY.plusSeconds(20));
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backAt);
        // two lease TTLs on: a provider whose lease was no longer renewed would have left the list by now
        await().during(Duration.ofMillis(2L * Fleet.SESSION_TIMEOUT_MILLIS))
                .atMost(Duration.ofSeconds(30))
                .until(() -> lists.latest().size() == 2);
        long afterReturn = load.completed();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load.completed() - afterReturn >= 500
                        && providers.stream().allMatch(p -> load.servedBy(p.name()) > 0));
        load.stop();

        Figures.of("etcd cluster of 3: leader and one other member stopped for 10 s (no quorum), under load")
                .load(load)
                .put("calls completed while there was no quorum", callsDuringOutage)
                .put("ms after the members returned until the cluster was healthy", healthyMillis)
                .put(
                        "ms after the members returned until a new registration reached a watch opened before the stop",
                        recoveredMillis)
                .put("of which the registration itself", probeMillis)
                .put("smallest provider list from the stop on", lists.smallest.get())
                .put("test ms, etcd start included", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos))
                .print();
        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(callsDuringOutage).as("calls while there was no quorum").isPositive();
        assertThat(lists.smallest.get())
                .as("smallest provider list from the stop on")
                .isEqualTo(2);
        assertThat(lists.latestEndpoints()).isEqualTo(registered);
        assertThat(recoveredMillis).as("ms to recover").isLessThanOrEqualTo(RECOVERY.toMillis());
    }

    /**
     * A watch, opened now, of a service of its own; {@link Probe#await} registers an instance of it
     * through another client and waits until this watch delivers it: etcd accepts writes again and a
     * watch that lived through the failure follows again.
     */
    private Probe probe() {
        ServiceKey probeKey = ServiceKey.parse("io.courier.it.Probe");
        Lists probes = new Lists();
        registry().subscribe(probeKey, probes, endpoint -> false);
        return new Probe(probeKey, probes, registry());
    }

    private record Probe(ServiceKey service, Lists lists, Registry registrar) {
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

    /** The provider lists a watcher received: the latest, when it came, the smallest since a reset. */
    private static final class Lists implements Consumer<List<ServiceInstance>> {
        private volatile List<ServiceInstance> latest = List.of();
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicInteger smallest = new AtomicInteger(Integer.MAX_VALUE);

        @Override
        public void accept(List<ServiceInstance> instances) {
            latest = instances;
            lastNanos.set(System.nanoTime());
            smallest.accumulateAndGet(instances.size(), Math::min);
        }

        List<ServiceInstance> latest() {
            return latest;
        }

        List<Endpoint> latestEndpoints() {
            return latest.stream().map(ServiceInstance::endpoint).toList();
        }

        void resetSmallest() {
            smallest.set(latest.size());
        }
    }
}
