package io.courier.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProviderListTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final List<ServiceInstance> TWO = List.of(instance(1), instance(2));
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<List<ServiceInstance>> delivered = new CopyOnWriteArrayList<>();
    private final Set<Endpoint> reachable = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void emptyPush_whileAProviderIsReachable_isWithheldUntilNoneIs() {
        ProviderList subscription = subscription(true);
        reachable.add(Endpoint.of("127.0.0.1", 2));
        subscription.accept(TWO);
        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO)));

        subscription.accept(List.of());
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> delivered.size() == 1);

        reachable.clear();
        await().atMost(Duration.ofMillis(EmptyProtection.RECHECK_MILLIS * 3))
                .until(() -> delivered.equals(List.of(TWO, List.of())));
    }

    @Test
    void shrinkBelowTheThreshold_whileADroppedProviderIsReachable_isWithheldUntilNoneIs() {
        ProviderList subscription = subscription(true);
        List<ServiceInstance> hundred = instances(1, 100);
        List<ServiceInstance> ten = instances(1, 10);
        reachable.add(Endpoint.of("127.0.0.1", 50));
        subscription.accept(hundred);
        await().atMost(WAIT).until(() -> delivered.equals(List.of(hundred)));

        subscription.accept(ten);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> delivered.size() == 1);

        reachable.clear();
        await().atMost(Duration.ofMillis(EmptyProtection.RECHECK_MILLIS * 3))
                .until(() -> delivered.equals(List.of(hundred, ten)));
    }

    @Test
    void shrinkToTheThresholdOrMore_isDeliveredAtOnce() {
        ProviderList subscription = subscription(true);
        List<ServiceInstance> hundred = instances(1, 100);
        List<ServiceInstance> twenty = instances(1, 20);
        instances(1, 100).forEach(instance -> reachable.add(instance.endpoint()));
        subscription.accept(hundred);
        await().atMost(WAIT).until(() -> delivered.size() == 1);

        subscription.accept(twenty);

        await().atMost(WAIT).until(() -> delivered.equals(List.of(hundred, twenty)));
    }

    @Test
    void shrinks_comparesWithTheThreshold() {
        assertThat(EmptyProtection.shrinks(null, List.of())).isFalse();
        assertThat(EmptyProtection.shrinks(List.of(), List.of())).isFalse();
        assertThat(EmptyProtection.shrinks(TWO, List.of())).isTrue();
        assertThat(EmptyProtection.shrinks(instances(1, 5_000), instances(1, 999)))
                .isTrue();
        assertThat(EmptyProtection.shrinks(instances(1, 5_000), instances(1, 1_000)))
                .isFalse();
        assertThat(EmptyProtection.shrinks(TWO, List.of(instance(1)))).isFalse();
    }

    private static List<ServiceInstance> instances(int first, int count) {
        List<ServiceInstance> list = new ArrayList<>(count);
        for (int port = first; port < first + count; port++) {
            list.add(instance(port));
        }
        return List.copyOf(list);
    }

    @Test
    void newProviders_endTheWithholding() {
        ProviderList subscription = subscription(true);
        reachable.add(Endpoint.of("127.0.0.1", 1));
        subscription.accept(TWO);
        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO)));
        subscription.accept(List.of());
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> delivered.size() == 1);
        subscription.accept(List.of(instance(3)));

        await().atMost(WAIT).until(() -> delivered.get(delivered.size() - 1).equals(List.of(instance(3))));
        assertThat(delivered).doesNotContain(List.of());
    }

    @Test
    void emptyPush_withoutProtection_isDelivered() {
        ProviderList subscription = subscription(false);
        reachable.add(Endpoint.of("127.0.0.1", 1));
        subscription.accept(TWO);
        await().atMost(WAIT).until(() -> delivered.size() == 1);

        subscription.accept(List.of());

        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO, List.of())));
    }

    @Test
    void failingReachabilityCheck_countsAsReachable() {
        ProviderList subscription = new ProviderList(
                ORDERS,
                delivered::add,
                endpoint -> {
                    throw new IllegalStateException("transport bug");
                },
                true,
                pool,
                timer);
        subscription.accept(TWO);
        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO)));

        subscription.accept(List.of());

        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> delivered.equals(List.of(TWO)));
    }

    @Test
    void fallback_isDeliveredOnlyBeforeTheRegistryAnswers() {
        ProviderList early = subscription(true);
        early.scheduleFallback(TWO, 0, timer);
        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO)));
        early.accept(List.of(instance(1)));
        await().atMost(WAIT).until(() -> delivered.equals(List.of(TWO, List.of(instance(1)))));

        delivered.clear();
        ProviderList late = subscription(true);
        late.accept(List.of(instance(5)));
        await().atMost(WAIT).until(() -> delivered.size() == 1);
        late.scheduleFallback(TWO, 0, timer);
        await().during(Duration.ofMillis(200))
                .atMost(WAIT)
                .until(() -> delivered.equals(List.of(List.of(instance(5)))));
    }

    @Test
    void equalSnapshots_areDeliveredOnce() {
        ProviderList subscription = subscription(true);
        subscription.accept(TWO);
        await().atMost(WAIT).until(() -> delivered.size() == 1);
        subscription.accept(List.of(instance(1), instance(2)));
        subscription.accept(TWO);
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> delivered.size() == 1);
    }

    @Test
    void slowListener_getsOnlyTheLatestOfWhatArrivedMeanwhile_andCallsNeverOverlap() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        ProviderList subscription = new ProviderList(
                ORDERS,
                instances -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    await().pollDelay(Duration.ofMillis(50)).until(() -> true);
                    delivered.add(instances);
                    running.decrementAndGet();
                },
                endpoint -> true,
                true,
                pool,
                timer);
        for (int port = 1; port <= 50; port++) {
            subscription.accept(List.of(instance(port)));
        }
        await().atMost(WAIT)
                .until(() -> !delivered.isEmpty()
                        && delivered.get(delivered.size() - 1).equals(List.of(instance(50))));
        assertThat(delivered.size()).isLessThan(50);
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void closedSubscription_deliversNothingMore() {
        ProviderList subscription = subscription(true);
        subscription.close();
        subscription.accept(TWO);
        subscription.scheduleFallback(TWO, 0, timer);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(delivered::isEmpty);
    }

    @Test
    void whenReady_completesWithTheFirstDelivery() {
        ProviderList subscription = subscription(true);
        assertThat(subscription.whenReady()).isNotDone();
        subscription.setInstances(TWO);
        await().atMost(WAIT).until(() -> subscription.whenReady().isDone());
        assertThat(delivered).containsExactly(TWO);
    }

    @Test
    void delayedFallback_isCancelledByClose() {
        ProviderList subscription = subscription(true);
        subscription.scheduleFallback(TWO, 100, timer);
        subscription.close();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(delivered::isEmpty);
    }

    @Test
    void closedList_letsGoOfItsListsAndItsListener() {
        List<ServiceInstance> hundred = instances(1, 100);
        WeakReference<List<ServiceInstance>> list = new WeakReference<>(hundred);
        ProviderList subscription = subscription(true);
        reachable.add(Endpoint.of("127.0.0.1", 1));
        subscription.setInstances(hundred);
        await().atMost(WAIT).until(() -> delivered.size() == 1);
        subscription.setInstances(List.of()); // withheld: a re-check is scheduled
        await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> delivered.size() == 1);

        subscription.close();
        delivered.clear();
        hundred = null;

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return list.get() == null;
        });
    }

    private ProviderList subscription(boolean protection) {
        return new ProviderList(ORDERS, delivered::add, reachable::contains, protection, pool, timer);
    }

    private static ServiceInstance instance(int port) {
        return ServiceInstance.builder(ORDERS, Endpoint.of("127.0.0.1", port)).build();
    }
}
