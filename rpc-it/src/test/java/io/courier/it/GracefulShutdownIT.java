package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider stopped with SIGTERM while two consumers call it with no retries: one follows the
 * registry (it leaves when the provider withdraws its registration), the other calls fixed addresses
 * (it stays until the provider says it is going away). Not one call fails, every call the provider
 * accepted is answered, nothing runs twice, and the process is gone within its shutdown timeout plus
 * a second.
 */
@Timeout(180)
class GracefulShutdownIT {

    private static final int WRITERS = 4;
    private static final int FOLLOWER_WORK_MILLIS = 10;
    /** Long enough that calls are in flight on the provider when it says it is going away. */
    private static final int DIRECT_WORK_MILLIS = 100;

    private Fleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = Fleet.start("sigterm");
        RecordingLoadBalancer.reset();
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void sigtermUnderLoad_withNoRetries_failsNoCall_answersEveryAcceptedCall_andExitsWithinItsTimeout() {
        List<ProviderProcess> providers = fleet.startProviders("p1", "p2", "p3");
        ProviderProcess victim = providers.get(0);
        List<Endpoint> addresses =
                providers.stream().map(ProviderProcess::endpoint).toList();

        Courier follower = fleet.consumer(Map.of());
        LedgerService followed = follower.reference(
                LedgerService.class, Fleet.referenceOptions().retries(0).build());
        Courier direct = fleet.consumer(Map.of());
        LedgerService fixed = direct.reference(
                LedgerService.class,
                Fleet.referenceOptions().retries(0).directEndpoints(addresses).build());
        fleet.awaitServing(followed, providers);
        fleet.awaitServing(fixed, providers);

        Load load = fleet.load(Duration.ofSeconds(60))
                .add("follower", WRITERS, id -> followed.write(id, FOLLOWER_WORK_MILLIS))
                .add("direct", WRITERS, id -> fixed.write(id, DIRECT_WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.servedBy(victim.name()) >= 100);
        long terminatedAt = System.nanoTime();
        victim.terminate();
        boolean exited = victim.awaitExit(Duration.ofMillis(Fleet.SHUTDOWN_TIMEOUT_MILLIS + 10_000));
        long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminatedAt);
        long afterExit = load.completed();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() - afterExit >= 500);
        load.stop();

        Ledgers ledgers = fleet.ledgers();
        Map<Long, Load.Outcome> byId = new HashMap<>();
        load.outcomes().forEach(outcome -> byId.put(outcome.id(), outcome));
        long servedAfterSigterm = load.outcomes().stream()
                .filter(o -> victim.name().equals(o.servedBy()) && o.endNanos() > terminatedAt)
                .count();
        long reroutes = RecordingLoadBalancer.picks() - load.completed();
        Figures.of("provider stopped (SIGTERM) under load, retries 0, a registry consumer and a fixed-address consumer")
                .load(load)
                .put("exit ms after SIGTERM", exitMillis)
                .put("allowed ms (shutdown timeout + 1 s)", Fleet.SHUTDOWN_TIMEOUT_MILLIS + 1_000)
                .put("calls it answered after SIGTERM", servedAfterSigterm)
                .put("attempts sent elsewhere because it was leaving", Math.max(0, reroutes))
                .put(
                        "calls run twice",
                        load.outcomes().stream()
                                .filter(o -> ledgers.executions(o.id()) > 1)
                                .count())
                .print();

        assertThat(exited).as("provider exited").isTrue();
        assertThat(exitMillis).isLessThanOrEqualTo(Fleet.SHUTDOWN_TIMEOUT_MILLIS + 1_000L);
        assertThat(load.failures()).as("failed calls").isEmpty();
        for (Load.Outcome outcome : load.outcomes()) {
            assertThat(ledgers.executions(outcome.id()))
                    .as("call %d", outcome.id())
                    .isEqualTo(1);
        }
        long acceptedByVictim = 0;
        for (long id : ledgers.idsExecutedBy(victim.name())) {
            Load.Outcome outcome = byId.get(id);
            if (outcome != null) { // else a warm-up call, made before the load
                acceptedByVictim++;
                assertThat(outcome.servedBy()).as("answer to call %d", id).isEqualTo(victim.name());
            }
        }
        assertThat(acceptedByVictim).as("calls the stopped provider ran").isPositive();
    }
}
