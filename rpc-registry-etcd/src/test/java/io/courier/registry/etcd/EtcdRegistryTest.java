package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only the etcd registry shows, against a real etcd on 127.0.0.1: one range read for the first
 * list, the lease revoked on close, the watch's event counters, no thread left behind. What every
 * registry promises is {@link EtcdRegistryContractTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdRegistryTest {

    static final ServiceKey ORDERS = ServiceKey.parse("blue/io.example.Orders:2.0");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ROOTS = new AtomicInteger();

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    /** Options on a root of its own, so that the tests sharing the server do not see each other. */
    private static RegistryOptions.Builder options() {
        return RegistryOptions.builder(ETCD.server().address()).root("/courier-test-" + ROOTS.incrementAndGet());
    }

    static ServiceInstance instance(ServiceKey serviceKey, int port) {
        return ServiceInstance.builder(serviceKey, Endpoint.of("127.0.0.1", port))
                .application("orders")
                .tags(Set.of("canary", "blue"))
                .methods(List.of("find(J)"))
                .serializers(List.of("protostuff"))
                .metadata(Map.of("zone", "a"))
                .build();
    }

    @Test
    void registeredInstances_reachASubscriberAsOneSortedImmutableList_afterOneRangeRead() throws Exception {
        RegistryOptions options = options().build();
        try (EtcdRegistry provider = (EtcdRegistry) new EtcdRegistryFactory().create(options);
                EtcdRegistry consumer = (EtcdRegistry) new EtcdRegistryFactory().create(options)) {
            ServiceInstance second = instance(ORDERS, 20882);
            ServiceInstance first = instance(ORDERS, 20881);
            provider.register(second);
            provider.register(first);
            provider.registration(first).get(10, TimeUnit.SECONDS);
            provider.registration(second).get(10, TimeUnit.SECONDS);

            Snapshots snapshots = new Snapshots();
            consumer.subscribe(ORDERS, snapshots);

            await().atMost(WAIT).until(() -> List.of(first, second).equals(snapshots.latest()));
            // both were acknowledged before the subscription: the first list already has them
            assertThat(snapshots.all()).containsExactly(List.of(first, second));
            assertThat(snapshots.latest()).isUnmodifiable();
            assertThat(consumer.watchCounters(ORDERS)[2]).as("range reads").isEqualTo(1);
            assertThat(provider.isConnected()).isTrue();
        }
    }

    @Test
    void unregisteredInstance_leavesTheList_andClosingTheProviderWithdrawsTheRest() {
        RegistryOptions options = options().build();
        EtcdRegistry provider = (EtcdRegistry) new EtcdRegistryFactory().create(options);
        try (EtcdRegistry consumer = (EtcdRegistry) new EtcdRegistryFactory().create(options)) {
            Snapshots snapshots = new Snapshots();
            consumer.subscribe(ORDERS, snapshots, endpoint -> false);
            provider.register(instance(ORDERS, 1));
            provider.register(instance(ORDERS, 2));
            await().atMost(WAIT).until(() -> List.of(List.of(1, 2)).equals(lastPorts(snapshots)));

            provider.unregister(instance(ORDERS, 1));
            provider.unregister(instance(ORDERS, 3)); // never registered: a no-op
            await().atMost(WAIT).until(() -> List.of(List.of(2)).equals(lastPorts(snapshots)));

            provider.close(); // revokes the lease: its keys go at once, not after the TTL
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> List.of(List.<Integer>of()).equals(lastPorts(snapshots)));
        } finally {
            provider.close();
        }
    }

    @Test
    void aSubscriberSeesTheChangesInOrder_neverAnOlderListAfterANewerOne() {
        RegistryOptions options = options().build();
        try (EtcdRegistry provider = (EtcdRegistry) new EtcdRegistryFactory().create(options);
                EtcdRegistry consumer = (EtcdRegistry) new EtcdRegistryFactory().create(options)) {
            Snapshots snapshots = new Snapshots();
            consumer.subscribe(ORDERS, snapshots, endpoint -> false);
            await().atMost(WAIT).until(() -> snapshots.latest() != null);
            for (int port = 1; port <= 30; port++) {
                provider.register(instance(ORDERS, port));
            }
            await().atMost(WAIT).until(() -> snapshots.latest().size() == 30);

            // every list is a step further: sizes only grow, and a later list contains the earlier one
            List<List<Integer>> ports = snapshots.ports();
            for (int i = 1; i < ports.size(); i++) {
                assertThat(ports.get(i))
                        .hasSizeGreaterThan(ports.get(i - 1).size())
                        .containsAll(ports.get(i - 1));
            }
            assertThat(snapshots.overlapped()).isFalse();
            long[] counters = consumer.watchCounters(ORDERS);
            assertThat(counters[0]).as("events applied").isEqualTo(30);
            assertThat(counters[1]).as("events skipped as already applied").isZero();
        }
    }

    @Test
    void closedRegistry_refusesCalls_andLeavesNoThreadBehind() {
        EtcdRegistry registry =
                (EtcdRegistry) new EtcdRegistryFactory().create(options().build());
        registry.subscribe(ORDERS, list -> {});
        registry.register(instance(ORDERS, 9));
        registry.close();
        registry.close(); // idempotent

        assertThatThrownBy(() -> registry.register(instance(ORDERS, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.subscribe(ORDERS, list -> {})).isInstanceOf(IllegalStateException.class);
        assertThat(registry.isConnected()).isFalse();
        // every registry before this one is closed too: none of their threads may outlive them
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .noneMatch(name -> name.startsWith("courier-etcd-") || name.startsWith("vert.x-eventloop")));
    }

    private static List<List<Integer>> lastPorts(Snapshots snapshots) {
        List<List<Integer>> ports = snapshots.ports();
        return ports.isEmpty() ? List.of() : new ArrayList<>(ports.subList(ports.size() - 1, ports.size()));
    }
}
