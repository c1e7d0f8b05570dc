package io.courier.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber JVM killed with SIGKILL mid-stream, beside a survivor of the same group, on the
 * module's real broker: every acknowledged event ends in the ledger of effects exactly once (the
 * killed one's unacknowledged events are redelivered to the survivor, and the idempotent helper
 * skips those whose effect happened). Prints the counts: published, acknowledged, handled, lost.
 * Shipped in rpc-api's test-jar, like {@link EventBrokerContract}.
 */
@Timeout(180)
public abstract class SubscriberKillContract {

    private static final int EVENTS = 2_000;
    private static final int BURST = 200;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @TempDir
    Path dir;

    /** The broker server under test and how to reach it. */
    protected abstract EventBrokerHarness harness();

    @Test
    void killedSubscriber_losesNoAcknowledgedEvent_andTheLedgerHasEachOnce() throws Exception {
        String topic = "kill-" + TOPICS.incrementAndGet();
        Set<String> acknowledged = new HashSet<>();
        int published = 0;
        try (EventBroker shop = ContractTelemetry.open("shop", harness().settings());
                ChildJvm doomed = startSubscriber(topic, "doomed");
                ChildJvm survivor = startSubscriber(topic, "survivor")) {
            // both JVMs start at once; both have subscribed before the first event is published
            awaitSubscribed(doomed);
            awaitSubscribed(survivor);
            EventPublisher<ContractOrder> publisher = shop.publisher(topic, ContractOrder.class);
            for (int burst = 0; burst < EVENTS / BURST; burst++) {
                acknowledged.addAll(publishBurst(publisher, burst));
                published += BURST;
                if (burst == EVENTS / BURST / 2) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> count("ledger") >= EVENTS / 5);
                    doomed.close(); // SIGKILL
                    assertThat(doomed.awaitExit(Duration.ofSeconds(10))).isPresent();
                }
            }
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> names("ledger").containsAll(acknowledged));
        }
        Set<String> ledger = names("ledger");
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(ledger);
        System.out.printf(
                "%s subscriber kill: published %d, acknowledged %d, handled %d (redeliveries skipped %d), lost %d%n",
                harness().name(), published, acknowledged.size(), ledger.size(), count("skipped"), lost.size());
        assertThat(lost).isEmpty();
        assertThat(count("twice")).as("effects that happened twice").isZero();
        assertThat(ledger).isEqualTo(acknowledged);
    }

    private ChildJvm startSubscriber(String topic, String name) {
        List<String> arguments = new ArrayList<>(List.of(dir.toString(), name, topic));
        for (Map.Entry<String, String> setting : harness().settings().entrySet()) {
            arguments.add(setting.getKey() + "=" + setting.getValue());
        }
        return ChildJvm.start(ContractSubscriberMain.class, List.of("-Xmx256m"), arguments.toArray(String[]::new));
    }

    private static void awaitSubscribed(ChildJvm jvm) throws InterruptedException {
        assertThat(jvm.awaitLine(line -> line.startsWith("SUBSCRIBED"), Duration.ofSeconds(60)))
                .as(jvm::output)
                .isTrue();
    }

    private static Set<String> publishBurst(EventPublisher<ContractOrder> publisher, int burst) {
        List<java.util.concurrent.CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            long seq = (long) burst * BURST + i;
            futures.add(publisher.publish("k" + seq % 24, new ContractOrder("o-" + seq, "k" + seq % 24, seq)));
        }
        return futures.stream().map(f -> f.join().eventId()).collect(Collectors.toSet());
    }

    private int count(String sub) throws IOException {
        return names(sub).size();
    }

    private Set<String> names(String sub) throws IOException {
        Path path = dir.resolve(sub);
        if (!Files.isDirectory(path)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
