package io.courier.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Registry} must do, whatever stores it; each implementation runs it through a
 * subclass that says how to create two registries sharing one store.
 */
@Timeout(60)
abstract class RegistryContract {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A new registry on the store shared by this test; the test closes it. */
    abstract Registry newRegistry();

    @Test
    void registeredInstance_reachesSubscribersAsACompleteSortedImmutableList() {
        try (Registry provider = newRegistry();
                Registry consumer = newRegistry()) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder);
            ServiceInstance second = ZooKeeperTesting.instance(ORDERS, 20882);
            ServiceInstance first = ZooKeeperTesting.instance(ORDERS, 20881);
            provider.register(second);
            provider.register(first);

            await().atMost(WAIT).until(() -> List.of(first, second).equals(recorder.latest()));
            assertThat(recorder.latest()).isUnmodifiable();
            assertThat(recorder.overlapped()).isFalse();
        }
    }

    @Test
    void unregisteredInstance_leavesTheList() {
        try (Registry provider = newRegistry();
                Registry consumer = newRegistry()) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder);
            provider.register(ZooKeeperTesting.instance(ORDERS, 1));
            provider.register(ZooKeeperTesting.instance(ORDERS, 2));
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);

            provider.unregister(ZooKeeperTesting.instance(ORDERS, 1));
            provider.unregister(ZooKeeperTesting.instance(ORDERS, 3)); // never registered: a no-op

            await().atMost(WAIT).until(() -> recorder.latestEndpoints().equals(List.of(Endpoint.of("127.0.0.1", 2))));
        }
    }

    @Test
    void closedSubscription_receivesNothingMore() throws Exception {
        try (Registry provider = newRegistry();
                Registry consumer = newRegistry()) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            AutoCloseable subscription = consumer.subscribe(ORDERS, recorder);
            provider.register(ZooKeeperTesting.instance(ORDERS, 1));
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 1);

            subscription.close();
            provider.register(ZooKeeperTesting.instance(ORDERS, 2));

            await().during(Duration.ofMillis(500))
                    .atMost(WAIT)
                    .until(() -> recorder.latestEndpoints().size() == 1);
        }
    }

    @Test
    void configWatch_startsWithTheConfigurationInForce() {
        try (Registry consumer = newRegistry()) {
            List<DynamicConfig> received = new CopyOnWriteArrayList<>();
            consumer.watchConfig(ORDERS, received::add);
            await().atMost(WAIT).until(() -> received.equals(List.of(DynamicConfig.EMPTY)));
        }
    }

    @Test
    void closedRegistry_refusesCalls() {
        Registry registry = newRegistry();
        registry.close();
        assertThatThrownBy(() -> registry.register(ZooKeeperTesting.instance(ORDERS, 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.subscribe(ORDERS, list -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullArguments_areRefused() {
        try (Registry registry = newRegistry()) {
            assertThatThrownBy(() -> registry.register(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.subscribe(ORDERS, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.subscribe(ORDERS, list -> {}, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.watchConfig(null, config -> {})).isInstanceOf(NullPointerException.class);
        }
    }
}
