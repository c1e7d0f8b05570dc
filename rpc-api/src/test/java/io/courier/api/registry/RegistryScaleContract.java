package io.courier.api.registry;

import static io.courier.api.registry.RegistryContract.ORDERS;
import static io.courier.api.registry.RegistryContract.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryHarness.RawRegistrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry contract at scale, with the figures every registry reports side by side in {@code
 * docs/benchmarks.md} (one {@code registry-figure} log line each, see {@link RegistryFigures}): the
 * first list at 1,000 and 5,000 instances, the time from a change to the consumer, 999 stale
 * registrations and 1 live one, and a mass withdrawal. The registrations are written raw (as many
 * providers would, without starting them) while the consumer is idle, so the first list measures the
 * consumer alone; the changes go through a registry client, as a provider's do. Asserts the
 * behaviour with generous time bounds; the figures are logged, never asserted.
 */
@Timeout(180)
public abstract class RegistryScaleContract {

    private static final int FIRST_PORT = 20_000;
    private static final AtomicInteger ROOTS = new AtomicInteger();

    private String root;

    /** The store under test and how to reach it. */
    protected abstract RegistryHarness harness();

    @BeforeEach
    void newRoot() {
        root = "/scale-" + ROOTS.incrementAndGet();
    }

    private Registry registry() {
        return harness().open(harness().options(root).build());
    }

    private static List<ServiceInstance> instances(ServiceKey service, int from, int count) {
        List<ServiceInstance> instances = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            instances.add(instance(service, FIRST_PORT + i));
        }
        return instances;
    }

    @Test
    void thousandInstancesOfTenServices_reachOneConsumer_andAChangeArrivesWithinOneSecond() {
        int perService = 100;
        List<ServiceKey> services = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            services.add(ServiceKey.parse("io.example.scale.Service" + s));
        }
        try (RawRegistrations raw = harness().raw(root);
                Registry provider = registry();
                Registry consumer = registry()) {
            for (ServiceKey service : services) {
                raw.put(instances(service, 0, perService));
            }
            Map<ServiceKey, List<ServiceInstance>> latest = new ConcurrentHashMap<>();
            AtomicLong lastDelivery = new AtomicLong();
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            for (ServiceKey service : services) {
                consumer.subscribe(service, instances -> {
                    latest.put(service, instances);
                    lastDelivery.set(System.nanoTime());
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(latest) == 10 * perService);
            // when the listener got it, not when the await noticed
            long firstListMillis = (lastDelivery.get() - start) / 1_000_000;
            long perInstance = (usedHeapAfterGc() - before) / (10 * perService);

            ServiceKey changed = services.get(3);
            ServiceInstance added = instance(changed, FIRST_PORT + perService);
            long changeStart = System.nanoTime();
            provider.register(added);
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> latest.get(changed).size() == perService + 1);
            long additionMillis = (lastDelivery.get() - changeStart) / 1_000_000;
            changeStart = System.nanoTime();
            provider.unregister(added);
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> latest.get(changed).size() == perService);
            long removalMillis = (lastDelivery.get() - changeStart) / 1_000_000;

            RegistryFigures.report(harness(), "first-list-ms", "instances=1000 services=10", firstListMillis);
            RegistryFigures.report(harness(), "change-ms", "instances=1000 change=addition", additionMillis);
            RegistryFigures.report(harness(), "change-ms", "instances=1000 change=removal", removalMillis);
            RegistryFigures.report(harness(), "consumer-heap-bytes-per-instance", "instances=1000", perInstance);
        }
    }

    @Test
    void fiveThousandInstances_firstListFast_andEachChangeReachesTheConsumer() throws Exception {
        int size = 5_000;
        long testStart = System.nanoTime();
        try (RawRegistrations raw = harness().raw(root);
                Registry provider = registry();
                Registry consumer = registry()) {
            raw.put(instances(ORDERS, 0, size));
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            long start = System.nanoTime();
            consumer.subscribe(ORDERS, snapshots, endpoint -> true);
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.latestSize() == size);
            // when the listener got it, not when the await noticed
            long firstListMillis = (snapshots.lastNanos() - start) / 1_000_000;

            // registrations, then withdrawals, one at a time, through a provider's client
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean add = i < 5;
                ServiceInstance changed = instance(ORDERS, FIRST_PORT + size + (add ? i : i - 5));
                int expected = add ? size + i + 1 : size + 9 - i;
                long changeStart = System.nanoTime();
                if (add) {
                    provider.register(changed);
                } else {
                    provider.unregister(changed);
                }
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> snapshots.latestSize() == expected);
                latencies.add((snapshots.lastNanos() - changeStart) / 1_000_000);
            }
            List<Long> sorted = latencies.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);

            RegistryFigures.report(harness(), "first-list-ms", "instances=5000 services=1", firstListMillis);
            RegistryFigures.report(harness(), "change-ms", "instances=5000 change=median-of-10", median);
            RegistryFigures.report(harness(), "change-ms", "instances=5000 change=all", latencies);
            RegistryFigures.report(harness(), "test-ms", "case=five-thousand", millisSince(testStart));
            assertThat(firstListMillis).as("first list, generous bound").isLessThan(10_000);
            assertThat(median)
                    .as("median change-to-consumer time, generous bound")
                    .isLessThan(1_000);
        }
    }

    @Test
    void massWithdrawalWithoutProtection_reachesTheConsumerInFewSteps_neverGrowing() {
        int size = 5_000;
        long testStart = System.nanoTime();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = harness()
                        .open(harness().options(root).emptyProtection(false).build())) {
            List<ServiceInstance> all = instances(ORDERS, 0, size);
            raw.put(all);
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots);
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.latestSize() == size);
            snapshots.clear();

            long start = System.nanoTime();
            List<Long> transactions = raw.delete(all.subList(0, size - 100));
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.latestSize() == 100);

            long withdrawalMillis = millisSince(start);
            RegistryFigures.report(
                    harness(),
                    "mass-withdrawal",
                    "withdrawn=4900 of=5000 transactions-ms="
                            + transactions.toString().replace(" ", "") + " lists="
                            + snapshots.sizes().toString().replace(" ", ""),
                    withdrawalMillis);
            RegistryFigures.report(harness(), "test-ms", "case=mass-withdrawal", millisSince(testStart));
            assertThat(snapshots.sizes()).as("lists seen").isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(snapshots.sizes().size())
                    .as(
                            "lists seen while 4,900 of 5,000 left in %s transactions over %s ms",
                            transactions.size(), withdrawalMillis)
                    .isLessThanOrEqualTo(harness().withdrawalLists(transactions.size(), withdrawalMillis));
        }
    }

    /**
     * One live provider and 999 stale registrations of the same service (addresses on 127.0.0.1
     * where nothing listens, left behind as a dead rack's would be): the consumer gets all 1,000 in its
     * first list and still sees the live provider's departure within its session timeout + 1 s.
     */
    @Test
    void nineHundredNinetyNineStaleAndOneLive_firstListHasAll_andTheLiveOnesCrashIsSeen() throws Exception {
        RegistryOptions options = harness().options(root).build();
        Registry live = harness().crashable(options);
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = registry()) {
            List<ServiceInstance> stale = new ArrayList<>();
            for (int port : deadPorts(999)) {
                stale.add(instance(ORDERS, port));
            }
            raw.put(stale);
            ServiceInstance liveInstance = instance(ORDERS, FIRST_PORT - 1);
            live.register(liveInstance);
            live.registration(liveInstance).get(10, TimeUnit.SECONDS);
            Endpoint liveEndpoint = liveInstance.endpoint();

            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            long start = System.nanoTime();
            consumer.subscribe(ORDERS, snapshots, liveEndpoint::equals);
            await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.latestSize() == 1_000);
            long firstListMillis = (snapshots.lastNanos() - start) / 1_000_000;
            assertThat(snapshots.latest()).contains(liveInstance);

            long crashed = System.nanoTime();
            harness().crash(live);
            await().atMost(Duration.ofMillis(options.sessionTimeoutMillis() + 1_000))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> snapshots.latestSize() == 999);
            long goneMillis = (snapshots.lastNanos() - crashed) / 1_000_000;
            assertThat(snapshots.latest()).doesNotContain(liveInstance);

            RegistryFigures.report(harness(), "first-list-ms", "instances=1000 stale=999 live=1", firstListMillis);
            RegistryFigures.report(
                    harness(),
                    "crashed-provider-gone-ms",
                    "stale=999 session=" + options.sessionTimeoutMillis(),
                    goneMillis);
        } finally {
            live.close();
        }
    }

    private static int total(Map<ServiceKey, List<ServiceInstance>> latest) {
        return latest.values().stream().mapToInt(List::size).sum();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Ports on 127.0.0.1 where nothing listens: bound once by this JVM, then released. */
    private static List<Integer> deadPorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listener that accepted nothing does not fail
                }
            }
        }
        Collections.sort(ports);
        return ports;
    }

    /** Heap in use once collections stop freeing anything (bounded: at most 10 rounds). */
    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (previous - used < 16 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
