package io.courier.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.EventBroker;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker server (or one node of a cluster) killed with SIGKILL and started again on its data
 * while a publisher keeps publishing and a subscriber keeps handling: every publish's future
 * completes (acknowledged, or failed during the outage), and every acknowledged event, from before,
 * during or after the outage, reaches the subscriber, which lived through it. Prints the counts
 * (published, acknowledged, failed, handled, lost) and how long acknowledgements stopped. Shipped in
 * rpc-api's test-jar, like {@link EventBrokerContract}.
 */
@Timeout(180)
public abstract class BrokerRestartContract {

    /** Acknowledged events wanted before the kill, and again after the restart. */
    private static final int PHASE = 300;
    /** Acknowledgements that show publishing goes on (100 ms of the load). */
    private static final int RESUMED = 100;

    /** The broker server under test, which the test kills and restarts. */
    protected abstract RestartableBrokerHarness harness();

    @Test
    void brokerKilledAndRestartedUnderLoad_losesNoAcknowledgedEvent_andNoPublishHangs() throws Exception {
        String topic = "restart-" + Long.toString(System.currentTimeMillis(), 36);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBroker inventory =
                        ContractTelemetry.open("inventory", harness().settings());
                EventBroker shop = ContractTelemetry.open("shop", harness().settings())) {
            inventory.subscribe(
                    SubscriptionOptions.builder(topic, "inventory", ContractOrder.class)
                            .build(),
                    event -> handled.add(event.id()));
            PublishLoad load = PublishLoad.start(shop.publisher(topic, ContractOrder.class));
            String outage;
            try (load) {
                acknowledgedAtLeast(load, PHASE, 60);
                outage = outage(load);
                int atRestart = load.acknowledged();
                acknowledgedAtLeast(load, atRestart + PHASE, 90);
            }
            long stopped = System.nanoTime();
            // every future completes within the broker's publish timeout: acknowledged or failed, never left
            await().atMost(Duration.ofSeconds(60)).until(load::allDone);
            long settled = System.nanoTime();
            Set<String> acknowledged = load.acknowledgedIds();
            caughtUp(acknowledged, handled, inventory);
            long caughtUp = System.nanoTime();
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(handled);
            System.out.printf(
                    "%s killed and restarted: published %d, acknowledged %d, failed %d, handled %d, lost %d; %s;"
                            + " after the last publish, every future done in %d ms, every event handled in %d ms%n",
                    harness().describe(),
                    load.published(),
                    acknowledged.size(),
                    load.failed(),
                    handled.size(),
                    lost.size(),
                    outage,
                    millis(settled - stopped),
                    millis(caughtUp - stopped));
            assertThat(lost).isEmpty();
            assertThat(acknowledged.size() + load.failed()).isEqualTo(load.published());
        }
    }

    /** Kills and restarts the server under the load; says how long acknowledgements stopped. */
    private String outage(PublishLoad load) throws Exception {
        int atKill = load.acknowledged();
        harness().kill();
        long killed = System.nanoTime();
        if (harness().servesWithoutTheKilledNode()) {
            acknowledgedAtLeast(load, atKill + RESUMED, 60);
            long resumed = System.nanoTime();
            harness().restart();
            return String.format(
                    "%d more acknowledged %d ms after the kill, node back after %d ms",
                    RESUMED, millis(resumed - killed), millis(System.nanoTime() - killed));
        }
        int publishedAtKill = load.published();
        // publishes attempted while the server is down (a Kafka send may block its max-block-millis each):
        // they fail, or wait and are stored after
        await().atMost(Duration.ofSeconds(30)).until(() -> load.published() >= publishedAtKill + 10);
        harness().restart();
        long back = System.nanoTime();
        int atRestart = load.acknowledged();
        acknowledgedAtLeast(load, atRestart + 1, 90);
        return String.format(
                "server down %d ms, first acknowledgement %d ms after it was back",
                millis(back - killed), millis(System.nanoTime() - back));
    }

    /** Waits until {@code count} publishes are acknowledged; a timeout says how the load and the server stand. */
    private void acknowledgedAtLeast(PublishLoad load, int count, int seconds) {
        try {
            await().atMost(Duration.ofSeconds(seconds)).until(() -> load.acknowledged() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "publishes acknowledged " + load.acknowledged() + " of the " + count + " awaited within " + seconds
                            + " s (published " + load.published() + ", last failure: " + load.lastFailure()
                            + "); server: " + harness().diagnose(),
                    e);
        }
    }

    /**
     * Waits until every acknowledged event is handled; a timeout says, on one line, how many were not,
     * and how the subscriber and the server see the group.
     */
    private void caughtUp(Set<String> acknowledged, Set<String> handled, EventBroker subscriber) {
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> handled.containsAll(acknowledged));
        } catch (ConditionTimeoutException e) {
            long missing =
                    acknowledged.stream().filter(id -> !handled.contains(id)).count();
            BrokerSnapshot seen = subscriber.snapshot(Duration.ofSeconds(5));
            throw new AssertionError(
                    missing + " acknowledged events not handled within 90 s; subscriber: " + seen.error() + " "
                            + seen.subscriptions() + "; server: "
                            + harness().diagnose(),
                    e);
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
