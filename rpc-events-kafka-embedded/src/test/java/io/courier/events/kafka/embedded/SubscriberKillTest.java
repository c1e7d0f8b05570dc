package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber JVM killed with SIGKILL mid-stream, the broker and both subscribers each in a JVM of
 * its own: the killed one's partitions move to the other within the session timeout (6 s here),
 * and with the idempotent helper the ledger of effects has every event exactly once.
 */
@Timeout(240)
class SubscriberKillTest {

    private static final Logger log = LoggerFactory.getLogger(SubscriberKillTest.class);
    private static final int EVENTS = 20_000;
    private static final int BURST = 500;

    @TempDir
    Path dir;

    @Test
    void killedSubscriber_partitionsMove_andTheLedgerHasEachEventOnce() throws Exception {
        int port = EmbeddedKafka.freePort();
        int controllerPort = EmbeddedKafka.freePort();
        try (ChildJvm broker = BrokerMain.start(dir.resolve("kafka"), port, controllerPort)) {
            String bootstrap = "127.0.0.1:" + port;
            Set<String> acknowledged = new HashSet<>();
            long killedAt;
            int inLedgerAtKill = 0;
            try (KafkaEventBroker shop = KafkaFixture.broker(bootstrap, "shop");
                    ChildJvm doomed = subscriber(bootstrap, "doomed");
                    ChildJvm survivor = subscriber(bootstrap, "survivor")) {
                EventPublisher<OrderPlaced> publisher = shop.publisher("kill", OrderPlaced.class);
                killedAt = 0;
                for (int burst = 0; burst < EVENTS / BURST; burst++) {
                    acknowledged.addAll(publishBurst(publisher, burst));
                    if (burst == EVENTS / BURST / 2) {
                        // mid-stream: half published, part of it handled by both subscribers
                        await().atMost(Duration.ofSeconds(60)).until(() -> ledgerSize() >= EVENTS / 5);
                        inLedgerAtKill = ledgerSize();
                        killedAt = System.nanoTime();
                        doomed.close(); // SIGKILL
                        assertThat(doomed.awaitExit(Duration.ofSeconds(10))).isPresent();
                    }
                }
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> ledgerSize() >= EVENTS);
                long recoveredMillis = (System.nanoTime() - killedAt) / 1_000_000;
                log.info(
                        "subscriber killed with {} events in the ledger; the survivor completed it (the other half published meanwhile) {}"
                                + " ms after the kill; {} redelivered events were skipped as already processed",
                        inLedgerAtKill,
                        recoveredMillis,
                        count("skipped"));
                log.info("the killed subscriber said: {}", doomed.output());
                log.info("the survivor said: {}", survivor.output());
                // the session timeout (6 s) plus a rebalance and the handling of the rest
                assertThat(recoveredMillis).isLessThan(30_000);
                // redelivery is limited to what the killed one handled after its last commit: it commits after
                // each batch of at most 500 (max.poll.records), not the thousands it handled in all
                assertThat(count("skipped")).isLessThanOrEqualTo(1000);
            }
            assertThat(count("twice")).as("effects that happened twice").isZero();
            assertThat(names("ledger")).isEqualTo(acknowledged);
        }
    }

    private ChildJvm subscriber(String bootstrap, String name) throws InterruptedException {
        ChildJvm jvm = ChildJvm.start(
                SubscriberMain.class, List.of("-Xmx256m", "-Devents.log=DEBUG"), bootstrap, dir.toString(), name);
        assertThat(jvm.awaitLine(line -> line.startsWith("SUBSCRIBED"), Duration.ofSeconds(60)))
                .as(jvm::output)
                .isTrue();
        return jvm;
    }

    private static Set<String> publishBurst(EventPublisher<OrderPlaced> publisher, int burst) {
        @SuppressWarnings("unchecked")
        CompletableFuture<PublishReceipt>[] futures = new CompletableFuture[BURST];
        for (int i = 0; i < BURST; i++) {
            long seq = (long) burst * BURST + i;
            futures[i] = publisher.publish("k" + seq % 24, new OrderPlaced("o-" + seq, "k", seq, 1));
        }
        return Stream.of(futures).map(f -> f.join().eventId()).collect(Collectors.toSet());
    }

    private int ledgerSize() throws IOException {
        return count("ledger");
    }

    private int count(String sub) throws IOException {
        Path path = dir.resolve(sub);
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(path)) {
            return (int) files.count();
        }
    }

    private Set<String> names(String sub) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(sub))) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
