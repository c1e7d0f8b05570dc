package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's switch under load: "offline" withdraws a provider from the registry while it keeps
 * serving; its consumers finish their calls and close their connections, and not one call fails.
 * "online" publishes it again and calls come back to it.
 */
@Timeout(120)
class OperatorSwitchIT {

    private static final int WRITERS = 6;
    private static final int WORK_MILLIS = 5;

    private Fleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = Fleet.start("operator-switch");
        RecordingLoadBalancer.reset();
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void offlineThenOnlineUnderLoad_drainsTheProvidersConnections_andFailsNoCall() {
        List<ProviderProcess> providers = fleet.startProviders("p1", "p2");
        ProviderProcess switched = providers.get(0);
        Courier consumer = fleet.consumer(Map.of());
        LedgerService service = consumer.reference(
                LedgerService.class, Fleet.referenceOptions().retries(0).build());
        fleet.awaitServing(service, providers);

        Load load = fleet.load(Duration.ofSeconds(60)).add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.servedBy(switched.name()) >= 100);

        long offlineAt = System.nanoTime();
        assertThat(switched.command("offline")).isEqualTo("OK offline");
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> switched.status().connections() == 0);
        long drainedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - offlineAt);
        long servedWhenDrained = load.servedBy(switched.name());
        ProviderProcess.Status offline = switched.status();
        long whileOffline = load.completed();
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() - whileOffline >= 300);
        long servedWhileOffline = load.servedBy(switched.name()) - servedWhenDrained;

        long onlineAt = System.nanoTime();
        assertThat(switched.command("online")).isEqualTo("OK online");
        await().atMost(Duration.ofSeconds(10)).until(() -> load.servedBy(switched.name()) > servedWhenDrained);
        long backMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - onlineAt);
        load.stop();

        Ledgers ledgers = fleet.ledgers();
        Figures.of("operator switch under load: offline, drained, online (2 providers, retries 0)")
                .load(load)
                .put("ms from offline until its consumers had closed their connections", drainedMillis)
                .put("calls it served while offline", servedWhileOffline)
                .put("ms from online until it served again", backMillis)
                .print();

        assertThat(load.failures()).as("failed calls").isEmpty();
        assertThat(offline.online()).isFalse();
        assertThat(offline.inFlight()).isZero();
        assertThat(servedWhileOffline)
                .as("calls served while offline and drained")
                .isZero();
        for (Load.Outcome outcome : load.outcomes()) {
            assertThat(ledgers.executions(outcome.id()))
                    .as("write %d", outcome.id())
                    .isEqualTo(1);
        }
        assertThat(switched.status().online()).isTrue();
    }
}
