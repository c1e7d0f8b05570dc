package io.courier.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker server killed with SIGKILL and started again on its data while a publisher keeps
 * publishing and a subscriber keeps handling: every publish's future completes (acknowledged, or
 * failed during the outage), and every acknowledged event, from before, during or after the outage,
 * reaches the subscriber, which lived through the restart. Prints the counts: published,
 * acknowledged, failed, handled, lost. Shipped in rpc-api's test-jar, like {@link EventBrokerContract}.
 */
@Timeout(180)
public abstract class BrokerRestartContract {

    /** Acknowledged events wanted before the kill and again after the restart. */
    private static final int PHASE = 300;

    /** The broker server under test, which the test kills and restarts. */
    protected abstract RestartableBrokerHarness harness();

    @Test
    void brokerKilledAndRestartedUnderLoad_losesNoAcknowledgedEvent_andNoPublishHangs() throws Exception {
        String topic = "restart-" + Long.toString(System.currentTimeMillis(), 36);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBroker inventory = ContractTelemetry.open("inventory", harness().settings());
                EventBroker shop = ContractTelemetry.open("shop", harness().settings())) {
            inventory.subscribe(
                    SubscriptionOptions.builder(topic, "inventory", ContractOrder.class)
                            .build(),
                    event -> handled.add(event.id()));
            PublishLoad load;
            Duration recovery;
            try (PublishLoad running = PublishLoad.start(shop.publisher(topic, ContractOrder.class))) {
                load = running;
                await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= PHASE);
                harness().kill();
                int atKill = load.published();
                // publishes attempted while the server is down: they fail, or wait and are stored after
                await().atMost(Duration.ofSeconds(30)).until(() -> load.published() >= atKill + 50);
                harness().restart();
                long restarted = System.nanoTime();
                int atRestart = load.acknowledged();
                await().atMost(Duration.ofSeconds(90)).until(() -> load.acknowledged() > atRestart);
                recovery = Duration.ofNanos(System.nanoTime() - restarted);
                await().atMost(Duration.ofSeconds(90)).until(() -> load.acknowledged() >= atRestart + PHASE);
            }
            // every future completes within the broker's publish timeout: acknowledged or failed, never left
            await().atMost(Duration.ofSeconds(60)).until(load::allDone);
            Set<String> acknowledged = load.acknowledgedIds();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> handled.containsAll(acknowledged));
            Set<String> lost = ConcurrentHashMap.newKeySet();
            lost.addAll(acknowledged);
            lost.removeAll(handled);
            System.out.printf(
                    "%s broker restart: published %d, acknowledged %d, failed %d, handled %d, lost %d;"
                            + " first acknowledgement %d ms after the server was back%n",
                    harness().name(),
                    load.published(),
                    acknowledged.size(),
                    load.failed(),
                    handled.size(),
                    lost.size(),
                    recovery.toMillis());
            assertThat(lost).isEmpty();
            assertThat(acknowledged.size() + load.failed()).isEqualTo(load.published());
        }
    }
}
