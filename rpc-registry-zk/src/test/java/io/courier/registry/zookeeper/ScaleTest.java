package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000 instances of 10 services in one ZooKeeper, one consumer subscribed to all of them. Asserts
 * the behaviour (full set, a change within 1 s); the memory figure is measured and logged for
 * {@code docs/benchmarks.md}, never asserted.
 */
@Timeout(120)
class ScaleTest {

    private static final Logger log = LoggerFactory.getLogger(ScaleTest.class);
    private static final int SERVICES = 10;
    private static final int INSTANCES_PER_SERVICE = 100;

    @Test
    void thousandInstancesOfTenServices_reachOneConsumerAndAChangeArrivesWithinOneSecond() throws Exception {
        List<ServiceKey> services = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            services.add(ServiceKey.parse("io.example.scale.Service" + s));
        }
        List<ZooKeeperRegistry> providers = new ArrayList<>();
        try (TestingServer server = ZooKeeperTesting.startServer();
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            for (ServiceKey service : services) {
                ZooKeeperRegistry provider = registry(server.getConnectString());
                providers.add(provider);
                for (int i = 0; i < INSTANCES_PER_SERVICE; i++) {
                    provider.register(instance(service, 20_000 + i));
                }
            }
            // the registrations land while the consumer is idle, so the measurement below sees only it
            try (var inspector = ZooKeeperTesting.inspector(server.getConnectString())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ServiceKey service : services) {
                        String path = "/courier/" + service + "/providers";
                        if (inspector.checkExists().forPath(path) == null
                                || inspector.getChildren().forPath(path).size() != INSTANCES_PER_SERVICE) {
                            return false;
                        }
                    }
                    return true;
                });
            }

            Map<ServiceKey, List<ServiceInstance>> latest = new ConcurrentHashMap<>();
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            for (ServiceKey service : services) {
                consumer.subscribe(service, instances -> latest.put(service, instances));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> total(latest) == SERVICES * INSTANCES_PER_SERVICE);
            long fullSetMillis = (System.nanoTime() - start) / 1_000_000;
            long after = usedHeapAfterGc();
            long perInstance = (after - before) / (SERVICES * INSTANCES_PER_SERVICE);

            ServiceKey changed = services.get(3);
            long changeStart = System.nanoTime();
            providers.get(3).unregister(instance(changed, 20_050));
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> latest.get(changed).size() == INSTANCES_PER_SERVICE - 1);
            long removalMillis = (System.nanoTime() - changeStart) / 1_000_000;

            changeStart = System.nanoTime();
            providers
                    .get(3)
                    .register(instance(changed, 20_050).toBuilder().weight(5).build());
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> latest.get(changed).size() == INSTANCES_PER_SERVICE);
            long additionMillis = (System.nanoTime() - changeStart) / 1_000_000;

            assertThat(latest.get(changed)).anyMatch(instance -> instance.weight() == 5);
            log.info(
                    "Scale: {} instances of {} services; full set after {} ms; removal seen after {} ms,"
                            + " addition after {} ms; consumer heap {} bytes in all, {} bytes per instance",
                    SERVICES * INSTANCES_PER_SERVICE,
                    SERVICES,
                    fullSetMillis,
                    removalMillis,
                    additionMillis,
                    after - before,
                    perInstance);
        } finally {
            providers.forEach(ZooKeeperRegistry::close);
        }
    }

    private static int total(Map<ServiceKey, List<ServiceInstance>> latest) {
        return latest.values().stream().mapToInt(List::size).sum();
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
