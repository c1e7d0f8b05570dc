package io.courier.registry.etcd;

import static io.courier.registry.etcd.EtcdRegistryTest.ORDERS;
import static io.courier.registry.etcd.EtcdRegistryTest.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.registry.RegistryOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A consumer's watch across an etcd restart: resumed from its last revision, nothing missed, nothing twice. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchResumeTest {

    @Test
    void watch_resumesFromTheLastAppliedRevision_afterEtcdRestarts() throws Exception {
        try (EtcdServer etcd = EtcdServer.start()) {
            RegistryOptions options = RegistryOptions.builder(etcd.address()).build();
            try (EtcdRegistry provider = (EtcdRegistry) new EtcdRegistryFactory().create(options);
                    EtcdRegistry consumer = (EtcdRegistry) new EtcdRegistryFactory().create(options)) {
                Snapshots snapshots = new Snapshots();
                consumer.subscribe(ORDERS, snapshots, endpoint -> false);
                // the first (empty) list first, so that every registration below is an event of the watch
                await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.latest() != null);
                provider.register(instance(ORDERS, 1));
                await().atMost(Duration.ofSeconds(10)).until(() -> List.of(1).equals(lastPorts(snapshots)));

                etcd.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> !provider.isConnected());
                etcd.restart();
                // written at once, while the consumer's watch is still waiting to come back
                provider.register(instance(ORDERS, 2));
                provider.unregister(instance(ORDERS, 1));

                await().atMost(Duration.ofSeconds(15)).until(() -> List.of(2).equals(lastPorts(snapshots)));
                // every list delivered is one of the true states, in their order
                List<List<Integer>> truth = List.of(List.of(), List.of(1), List.of(1, 2), List.of(2));
                List<List<Integer>> seen = snapshots.ports();
                assertThat(truth).containsSubsequence(seen);
                long[] counters = consumer.watchCounters(ORDERS);
                assertThat(counters[0])
                        .as("events applied: put 1, put 2, delete 1")
                        .isEqualTo(3);
                assertThat(counters[1]).as("events skipped as replayed").isZero();
                assertThat(counters[2]).as("range reads: the first list only").isEqualTo(1);
                assertThat(counters[3]).as("watches resumed").isPositive();
                System.out.printf("lists seen across the restart: %s; watch resumed %d times%n", seen, counters[3]);
                await().atMost(Duration.ofSeconds(10)).until(provider::isConnected);
            }
        }
    }

    private static List<Integer> lastPorts(Snapshots snapshots) {
        List<List<Integer>> ports = snapshots.ports();
        return ports.isEmpty() ? null : ports.get(ports.size() - 1);
    }
}
