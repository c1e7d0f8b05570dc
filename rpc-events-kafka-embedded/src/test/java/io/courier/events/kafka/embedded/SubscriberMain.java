package io.courier.events.kafka.embedded;

import io.courier.api.event.IdempotentHandler;
import io.courier.api.event.ProcessedEvents;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A subscriber in a JVM of its own, for the fault tests: {@code SubscriberMain <bootstrap> <dir>
 * <name>}. Its handler's effect is one file per event in {@code <dir>/ledger}, created by the
 * idempotent helper's store in the same step that marks the event processed (the pattern
 * docs/events.md recommends: the mark written with the effect); an event found already processed
 * leaves a file in {@code <dir>/skipped}, an effect attempted twice one in {@code <dir>/twice}.
 */
public final class SubscriberMain {

    private SubscriberMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        Path ledger = Files.createDirectories(dir.resolve("ledger"));
        Path skipped = Files.createDirectories(dir.resolve("skipped"));
        Path twice = Files.createDirectories(dir.resolve("twice"));
        ProcessedEvents store = new ProcessedEvents() {
            @Override
            public boolean contains(String eventId) {
                boolean seen = Files.exists(ledger.resolve(eventId));
                if (seen) {
                    touch(skipped.resolve(eventId + "-" + args[2]));
                }
                return seen;
            }

            @Override
            public void add(String eventId, Instant eventTime) {
                try {
                    Files.createFile(ledger.resolve(eventId));
                } catch (FileAlreadyExistsException e) {
                    touch(twice.resolve(eventId));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        KafkaEventBroker broker = KafkaEventBroker.create(KafkaFixture.settings(args[0], args[2], Map.of()));
        broker.subscribe(
                SubscriptionOptions.builder("kill", "ledger", OrderPlaced.class).build(),
                IdempotentHandler.of(event -> {}, store));
        System.out.println("SUBSCRIBED " + args[2]);
        Thread.currentThread().join();
    }

    private static void touch(Path file) {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // already recorded
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
