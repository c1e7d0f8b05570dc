package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker (in a JVM of its own) killed with SIGKILL and restarted on the same data while a
 * publisher keeps publishing: every publish acknowledged before, during or after the outage is
 * there afterwards, and every publish's future completes, acknowledged or failed, never left
 * hanging.
 */
@Timeout(240)
class BrokerRestartTest {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartTest.class);

    @TempDir
    Path dir;

    @Test
    void brokerKilledAndRestarted_losesNoAcknowledgedPublish_andNoPublishHangs() throws Exception {
        int port = EmbeddedKafka.freePort();
        int controllerPort = EmbeddedKafka.freePort();
        String bootstrap = "127.0.0.1:" + port;
        List<CompletableFuture<PublishReceipt>> futures = new CopyOnWriteArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        ChildJvm broker = BrokerMain.start(dir.resolve("kafka"), port, controllerPort);
        try (KafkaEventBroker shop = KafkaEventBroker.create(KafkaFixture.settings(
                bootstrap,
                "shop",
                Map.of(
                        "courier.events.kafka.delivery-timeout-millis", "10000",
                        "courier.events.kafka.max-block-millis", "1000")))) {
            EventPublisher<OrderPlaced> publisher = shop.publisher("outage", OrderPlaced.class);
            Thread publisherThread = new Thread(() -> {
                for (long seq = 0; publishing.get() && seq < 1_000_000; seq++) {
                    futures.add(publisher.publish("k" + seq % 12, new OrderPlaced("o-" + seq, "k", seq, 1)));
                    if (seq % 100 == 99) {
                        // paced: about 100 events every 20 ms
                        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
                    }
                }
            });
            publisherThread.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(futures) >= 3000);
            int acknowledgedBeforeKill = acknowledged(futures);
            broker.close(); // SIGKILL
            assertThat(broker.awaitExit(Duration.ofSeconds(10))).isPresent();
            int publishedAtKill = futures.size();
            // while the broker is down a publish may block up to max-block-millis (1 s here) and then fail
            await().atMost(Duration.ofSeconds(30)).until(() -> futures.size() >= publishedAtKill + 5);
            broker = BrokerMain.start(dir.resolve("kafka"), port, controllerPort);
            int acknowledgedAtRestart = acknowledged(futures);
            await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged(futures) >= acknowledgedAtRestart + 3000);
            publishing.set(false);
            publisherThread.join(10_000);
            // every future completes within the delivery timeout: acknowledged or failed, never silent
            await().atMost(Duration.ofSeconds(30)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
            Set<String> acknowledgedIds = ConcurrentHashMap.newKeySet();
            int failed = 0;
            for (CompletableFuture<PublishReceipt> future : futures) {
                if (future.isCompletedExceptionally()) {
                    failed++;
                } else {
                    acknowledgedIds.add(future.join().eventId());
                }
            }
            Set<String> stored = ConcurrentHashMap.newKeySet();
            try (Subscription audit = shop.subscribe(
                    SubscriptionOptions.builder("outage", "audit", OrderPlaced.class)
                            .build(),
                    event -> stored.add(event.id()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> stored.containsAll(acknowledgedIds));
            }
            log.info(
                    "broker restart: {} publishes, {} acknowledged before the kill, {} acknowledged in all, {} failed"
                            + " (during the outage), {} stored",
                    futures.size(),
                    acknowledgedBeforeKill,
                    acknowledgedIds.size(),
                    failed,
                    stored.size());
            assertThat(acknowledgedIds.size() + failed).isEqualTo(futures.size());
            assertThat(stored).containsAll(acknowledgedIds);
        } finally {
            publishing.set(false);
            broker.close();
        }
    }

    private static int acknowledged(List<CompletableFuture<PublishReceipt>> futures) {
        int count = 0;
        for (CompletableFuture<PublishReceipt> future : futures) {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                count++;
            }
        }
        return count;
    }
}
