package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Every provider node is deleted while the providers run and serve.
 *
 * <p>A live provider's registrar puts its node back within milliseconds, so the providers here
 * register under another root ({@code /staging}) and the consumer's root holds copies owned by the
 * test's own session: nodes that stay deleted, as after an operator's slip that also stopped the
 * registrars, or a restore from an old snapshot. With empty-push protection (the default) the
 * consumer keeps calling the providers it still reaches; without it, it gets {@code NO_PROVIDER}
 * within 1 s.
 *
 * <p>The three tests share one ZooKeeper and one pair of provider processes (their registrations
 * under {@code /staging} are never touched); each test copies them anew into the consumer's root and
 * has a consumer of its own. The test that kills the providers runs last.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderWipeIT {

    private static final int CALLS = 1_000;
    private static final int WIPE_AFTER = 100;
    /** Calls are paced so that the run outlasts the wipe by more than a reachability re-check (1 s). */
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final String STAGING = "/staging";
    private static final String PROVIDERS = RegistryTree.providers("/courier");

    private Fleet fleet;
    private RegistryTree tree;
    private List<ProviderProcess> providers;
    private Courier consumer;

    @BeforeAll
    void startProviders() throws Exception {
        fleet = Fleet.start("provider-wipe");
        tree = RegistryTree.connect(fleet.zooKeeper().connectString());
        providers = fleet.startProviders(Map.of("courier.registry.root", STAGING), "p1", "p2");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tree.children(RegistryTree.providers(STAGING)).size() == 2);
    }

    /** Both providers serving, and registered in the consumer's root by copies that nothing puts back. */
    @BeforeEach
    void copyRegistrations() throws Exception {
        RecordingLoadBalancer.reset();
        assertThat(providers)
                .as("providers (the test that kills them runs last)")
                .allMatch(ProviderProcess::isAlive);
        assertThat(tree.children(PROVIDERS))
                .as("provider nodes before the copy")
                .isEmpty();
        assertThat(tree.copyProviders(STAGING, "/courier")).isEqualTo(2);
    }

    /** A consumer of this test's own, closed after it. */
    private Courier consumer(Map<String, String> overrides) {
        consumer = fleet.consumer(overrides);
        return consumer;
    }

    @AfterEach
    void closeConsumer() throws Exception {
        try {
            if (consumer != null) {
                consumer.close();
                consumer = null;
            }
        } finally {
            // a test that failed before its wipe leaves its copies: the next one starts from none
            if (!tree.children(PROVIDERS).isEmpty()) {
                tree.wipeProviders("/courier");
            }
        }
    }

    @AfterAll
    void closeFleet() {
        try {
            if (tree != null) {
                tree.close();
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    @Test
    @Order(1)
    void withEmptyPushProtection_aWipeFailsNoneOfOneThousandCalls() throws Exception {
        Courier consumer = consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);

        Map<String, Integer> servedBy = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        long wipedAt = 0;
        for (int i = 0; i < CALLS; i++) {
            if (i == WIPE_AFTER) {
                assertThat(tree.wipeProviders("/courier")).isEqualTo(2);
                wipedAt = System.nanoTime();
            }
            try {
                servedBy.merge(service.read(fleet.ids().incrementAndGet(), 0), 1, Integer::sum);
            } catch (RpcException e) {
                failures.merge(e.code().name(), 1, Integer::sum);
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
        long afterWipeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wipedAt);

        Figures.of("every provider node deleted while the providers serve, empty-push protection on")
                .put("calls", CALLS)
                .put("failures by code", failures)
                .put("served by", servedBy)
                .put("ms of calls after the wipe", afterWipeMillis)
                .print();

        assertThat(tree.children(PROVIDERS)).as("provider nodes after the wipe").isEmpty();
        assertThat(failures).as("failed calls").isEmpty();
        assertThat(servedBy.keySet()).as("providers that served").containsExactly("p1", "p2");
        assertThat(afterWipeMillis).as("ms of calls after the wipe").isGreaterThan(1_500);
    }

    @Test
    @Order(3)
    void withEmptyPushProtection_providersThatDieAfterTheWipe_areDroppedWithoutAnyCall() throws Exception {
        Courier consumer = consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        assertThat(tree.wipeProviders("/courier")).isEqualTo(2);
        // longer than a reachability re-check: the list is withheld while the connections are open
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(10)).until(() -> List.of("p1", "p2")
                .contains(service.read(fleet.ids().incrementAndGet(), 0)));

        providers.forEach(ProviderProcess::kill);
        long killedAt = System.nanoTime();
        // no call meanwhile: only the closed connections can tell the consumer they are gone
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(10)).until(() -> providers.stream()
                .noneMatch(ProviderProcess::isAlive));
        RpcException refusal = null;
        try {
            service.read(fleet.ids().incrementAndGet(), 0);
        } catch (RpcException e) {
            refusal = e;
        }

        Figures.of("every provider node deleted, then both providers killed, empty-push protection on")
                .put("first call, 2.5 s after the kill", refusal == null ? "succeeded" : refusal.code())
                .put("ms after the kill", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt))
                .print();
        assertThat(refusal).as("a refusal").isNotNull();
        // not CONNECT_FAILED: the empty list was delivered before any call tried the dead endpoints
        assertThat(refusal.code()).isEqualTo(ErrorCode.NO_PROVIDER);
    }

    @Test
    @Order(2)
    void withoutEmptyPushProtection_aWipeGivesNoProviderWithinOneSecond() throws Exception {
        Courier consumer = consumer(Map.of("courier.registry.empty-protection", "false"));
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);

        assertThat(tree.wipeProviders("/courier")).isEqualTo(2);
        long wipedAt = System.nanoTime();
        int succeeded = 0;
        RpcException refusal = null;
        long deadline = wipedAt + TimeUnit.SECONDS.toNanos(5);
        while (refusal == null && System.nanoTime() - deadline < 0) {
            try {
                service.read(fleet.ids().incrementAndGet(), 0);
                succeeded++;
            } catch (RpcException e) {
                refusal = e;
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
        long refusedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wipedAt);

        Figures.of("every provider node deleted while the providers serve, empty-push protection off")
                .put("calls that succeeded after the wipe", succeeded)
                .put("ms from the wipe until a call was refused", refusedMillis)
                .put("refused with", refusal == null ? "nothing" : refusal.code())
                .print();

        assertThat(refusal).as("a refusal").isNotNull();
        assertThat(refusal.code()).isEqualTo(ErrorCode.NO_PROVIDER);
        assertThat(refusedMillis).as("ms until NO_PROVIDER").isLessThanOrEqualTo(1_000);
    }
}
