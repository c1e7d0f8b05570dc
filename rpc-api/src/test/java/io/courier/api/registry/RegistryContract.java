package io.courier.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryHarness.RawRegistrations;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Registry} promises, whatever stores it: registration, withdrawal, expiry of a
 * crashed provider's registrations, the first list, ordered lists through a burst, empty-push and
 * mass-withdrawal protection, and a closed subscription letting go of its lists. A registry module runs it through a subclass that starts its store and answers {@link
 * #harness()}; {@link RegistryScaleContract} holds the figures at 1,000 and 5,000 instances.
 *
 * <p>Each test works under a root of its own, so one store serves them all. Shipped in rpc-api's
 * test-jar ({@code <type>test-jar</type>}) so that every registry module can extend it.
 */
@Timeout(60)
public abstract class RegistryContract {

    static final ServiceKey ORDERS = ServiceKey.parse("blue/io.example.Orders:2.0");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger ROOTS = new AtomicInteger();
    private static final List<ServiceInstance> TWO_PROVIDERS =
            List.of(instance(ORDERS, 20880), instance(ORDERS, 20881));

    private String root;

    /** The store under test and how to reach it. */
    protected abstract RegistryHarness harness();

    @BeforeEach
    void newRoot() {
        root = "/contract-" + ROOTS.incrementAndGet();
    }

    private Registry registry() {
        return harness().open(harness().options(root).build());
    }

    static ServiceInstance instance(ServiceKey serviceKey, int port) {
        return ServiceInstance.builder(serviceKey, Endpoint.of("127.0.0.1", port))
                .application("contract")
                .weight(100)
                .tags(Set.of("blue"))
                .startedAtMillis(1_700_000_000_000L)
                .serializers(List.of("protostuff"))
                .methods(List.of("find(J)"))
                .build();
    }

    @Test
    void registeredInstances_reachSubscribersAsACompleteSortedImmutableList() {
        try (Registry provider = registry();
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots);
            ServiceInstance second = instance(ORDERS, 20882);
            ServiceInstance first = instance(ORDERS, 20881);
            provider.register(second);
            provider.register(first);

            await().atMost(WAIT).until(() -> List.of(first, second).equals(snapshots.latest()));
            assertThat(snapshots.latest()).isUnmodifiable();
            assertThat(snapshots.overlapped()).isFalse();
        }
    }

    @Test
    void acknowledgedRegistration_isInTheFirstList() throws Exception {
        try (Registry provider = registry();
                Registry consumer = registry()) {
            ServiceInstance instance = instance(ORDERS, 20881);
            provider.register(instance);
            provider.registration(instance).get(10, TimeUnit.SECONDS);

            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots);

            await().atMost(WAIT).until(() -> snapshots.latest() != null);
            assertThat(snapshots.deliveries().get(0)).containsExactly(instance);
        }
    }

    @Test
    void unregisteredInstance_leavesTheList() {
        try (Registry provider = registry();
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots);
            provider.register(instance(ORDERS, 1));
            provider.register(instance(ORDERS, 2));
            await().atMost(WAIT).until(() -> snapshots.latestEndpoints().size() == 2);

            provider.unregister(instance(ORDERS, 1));
            provider.unregister(instance(ORDERS, 3)); // never registered: a no-op

            await().atMost(WAIT).until(() -> snapshots.latestEndpoints().equals(List.of(Endpoint.of("127.0.0.1", 2))));
        }
    }

    @Test
    void closedProvider_withdrawsEveryRegistrationAtOnce() {
        Registry provider = registry();
        try (Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots, endpoint -> false);
            provider.register(instance(ORDERS, 1));
            provider.register(instance(ORDERS, 2));
            await().atMost(WAIT).until(() -> snapshots.latestEndpoints().size() == 2);

            provider.close();

            // well within the 2 s session: the close said goodbye, nothing had to expire
            await().atMost(Duration.ofMillis(1_500)).until(() -> snapshots.latestSize() == 0);
        } finally {
            provider.close();
        }
    }

    @Test
    void crashedProvider_disappearsWithinTheSessionTimeoutPlusOneSecond() throws Exception {
        RegistryOptions options = harness().options(root).build();
        Registry provider = harness().crashable(options);
        try (Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            // dead for the consumer's transport too, so empty-push protection lets the empty list through
            consumer.subscribe(ORDERS, snapshots, endpoint -> false);
            provider.register(instance(ORDERS, 7));
            provider.registration(instance(ORDERS, 7)).get(10, TimeUnit.SECONDS);
            // kept alive well past the session timeout
            await().during(Duration.ofMillis(options.sessionTimeoutMillis() + 500))
                    .atMost(WAIT)
                    .until(() -> snapshots.latestSize() == 1);

            long crashed = System.nanoTime();
            harness().crash(provider);
            await().atMost(Duration.ofMillis(options.sessionTimeoutMillis() + 1_000))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> snapshots.latestSize() == 0);
            RegistryFigures.report(
                    harness(),
                    "crashed-provider-gone-ms",
                    "session=" + options.sessionTimeoutMillis(),
                    (snapshots.lastNanos() - crashed) / 1_000_000);
        } finally {
            provider.close();
        }
    }

    @Test
    void burstOfRegistrations_everyListIsAStepFurther_neverAnOlderOne() {
        try (Registry provider = registry();
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots, endpoint -> false);
            await().atMost(WAIT).until(() -> snapshots.latest() != null);
            for (int port = 1; port <= 30; port++) {
                provider.register(instance(ORDERS, port));
            }
            await().atMost(WAIT).until(() -> snapshots.latestSize() == 30);

            List<List<ServiceInstance>> lists = snapshots.deliveries();
            for (int i = 1; i < lists.size(); i++) {
                assertThat(lists.get(i))
                        .hasSizeGreaterThan(lists.get(i - 1).size())
                        .containsAll(lists.get(i - 1));
            }
            assertThat(snapshots.overlapped()).isFalse();
        }
    }

    @Test
    void closedSubscription_receivesNothingMore() throws Exception {
        try (Registry provider = registry();
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            AutoCloseable subscription = consumer.subscribe(ORDERS, snapshots);
            provider.register(instance(ORDERS, 1));
            await().atMost(WAIT).until(() -> snapshots.latestEndpoints().size() == 1);

            subscription.close();
            provider.register(instance(ORDERS, 2));

            await().during(Duration.ofMillis(500))
                    .atMost(WAIT)
                    .until(() -> snapshots.latestEndpoints().size() == 1);
        }
    }

    @Test
    void configWatch_startsWithTheConfigurationInForce() {
        try (Registry consumer = registry()) {
            List<DynamicConfig> received = new CopyOnWriteArrayList<>();
            consumer.watchConfig(ORDERS, received::add);
            await().atMost(WAIT).until(() -> received.equals(List.of(DynamicConfig.EMPTY)));
        }
    }

    @Test
    void closedRegistry_refusesCalls() {
        Registry registry = registry();
        registry.close();
        registry.close(); // idempotent
        assertThatThrownBy(() -> registry.register(instance(ORDERS, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.subscribe(ORDERS, list -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullArguments_areRefused() {
        try (Registry registry = registry()) {
            assertThatThrownBy(() -> registry.register(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.subscribe(ORDERS, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.subscribe(ORDERS, list -> {}, null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> registry.watchConfig(null, config -> {})).isInstanceOf(NullPointerException.class);
        }
    }

    // Empty-push protection. The providers' registrations are written raw: a live provider's client
    // would put a deleted registration back at once, which is the better outcome but would not test
    // the consumer. "Still running" is what the consumer's reachability check says.

    @Test
    void withProtection_anEmptyPushWhileProvidersAreReachable_keepsTheList() {
        Set<Endpoint> reachable = ConcurrentHashMap.newKeySet();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = subscribedToTwoProviders(raw, consumer, reachable);

            raw.delete(TWO_PROVIDERS);

            // longer than a reachability re-check, so at least one ran
            await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> snapshots.latestSize() == 2);
            assertThat(snapshots.lostAllProviders()).isFalse();

            reachable.clear(); // the transport lost both connections
            await().atMost(Duration.ofSeconds(3)).until(() -> snapshots.latestSize() == 0);
        }
    }

    @Test
    void withoutProtection_anEmptyPushEmptiesTheListWithinOneSecond() {
        Set<Endpoint> reachable = ConcurrentHashMap.newKeySet();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = harness()
                        .open(harness().options(root).emptyProtection(false).build())) {
            RegistryContractSnapshots snapshots = subscribedToTwoProviders(raw, consumer, reachable);

            raw.delete(TWO_PROVIDERS);

            await().atMost(Duration.ofSeconds(1)).until(() -> snapshots.latestSize() == 0);
        }
    }

    @Test
    void withProtection_aPartialRemovalIsDeliveredAsUsual() {
        Set<Endpoint> reachable = ConcurrentHashMap.newKeySet();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = registry()) {
            RegistryContractSnapshots snapshots = subscribedToTwoProviders(raw, consumer, reachable);

            raw.delete(TWO_PROVIDERS.subList(0, 1));

            await().atMost(Duration.ofSeconds(1)).until(() -> snapshots
                    .latestEndpoints()
                    .equals(List.of(TWO_PROVIDERS.get(1).endpoint())));
        }
    }

    @Test
    void withProtection_aMassWithdrawalWhileProvidersAreReachable_keepsTheListUntilNoneIs() {
        List<ServiceInstance> ten = instances(20_900, 10);
        Set<Endpoint> reachable = ConcurrentHashMap.newKeySet();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = registry()) {
            raw.put(ten);
            ten.forEach(provider -> reachable.add(provider.endpoint()));
            RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, snapshots, reachable::contains);
            await().atMost(WAIT).until(() -> snapshots.latestSize() == 10);

            raw.delete(ten.subList(1, 10)); // 1 of 10 left: below the 20 % threshold

            // longer than a reachability re-check, so at least one ran
            await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> snapshots.latestSize() == 10);
            assertThat(snapshots.sizes()).doesNotContain(1);

            reachable.clear(); // the transport lost the withdrawn providers
            await().atMost(Duration.ofSeconds(3)).until(() -> snapshots
                    .latestEndpoints()
                    .equals(List.of(ten.get(0).endpoint())));
        }
    }

    @Test
    void closedSubscriptions_keepNoInstanceListReachable() {
        List<ServiceInstance> thousand = instances(30_000, 1_000);
        // a long connection timeout: a subscription's pending fallback must not keep it either
        RegistryOptions options =
                harness().options(root).connectionTimeoutMillis(60_000).build();
        try (RawRegistrations raw = harness().raw(root);
                Registry consumer = harness().open(options)) {
            raw.put(thousand);
            List<WeakReference<List<ServiceInstance>>> closed = new ArrayList<>();
            for (int cycle = 0; cycle < 10; cycle++) {
                closed.add(subscribeAndClose(consumer, thousand.size()));
            }

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        System.gc();
                        return closed.stream().allMatch(list -> list.get() == null);
                    });
        }
    }

    /** Subscribes until a list of {@code size} arrives, closes, and answers that list, weakly held. */
    private static WeakReference<List<ServiceInstance>> subscribeAndClose(Registry consumer, int size) {
        AtomicReference<WeakReference<List<ServiceInstance>>> full = new AtomicReference<>();
        // the listener keeps nothing strongly, so only the registry could keep the list
        AutoCloseable subscription = consumer.subscribe(ORDERS, instances -> {
            if (instances.size() == size) {
                full.compareAndSet(null, new WeakReference<>(instances));
            }
        });
        await().pollInterval(Duration.ofMillis(10)).atMost(WAIT).until(() -> full.get() != null);
        try {
            subscription.close();
        } catch (Exception e) {
            throw new AssertionError("close() must not throw", e);
        }
        return full.get();
    }

    private static List<ServiceInstance> instances(int firstPort, int count) {
        List<ServiceInstance> instances = new ArrayList<>(count);
        for (int port = firstPort; port < firstPort + count; port++) {
            instances.add(instance(ORDERS, port));
        }
        return instances;
    }

    /** {@link #TWO_PROVIDERS} written raw and reachable, and {@code consumer} subscribed to them. */
    private static RegistryContractSnapshots subscribedToTwoProviders(
            RawRegistrations raw, Registry consumer, Set<Endpoint> reachable) {
        raw.put(TWO_PROVIDERS);
        TWO_PROVIDERS.forEach(provider -> reachable.add(provider.endpoint()));
        RegistryContractSnapshots snapshots = new RegistryContractSnapshots();
        consumer.subscribe(ORDERS, snapshots, reachable::contains);
        await().atMost(WAIT).until(() -> snapshots.latestSize() == 2);
        return snapshots;
    }
}
