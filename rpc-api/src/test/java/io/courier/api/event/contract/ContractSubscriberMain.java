package io.courier.api.event.contract;

import io.courier.api.event.EventBroker;
import io.courier.api.event.IdempotentHandler;
import io.courier.api.event.ProcessedEvents;
import io.courier.api.event.SubscriptionOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A subscriber in a JVM of its own, for {@link SubscriberKillContract}: {@code
 * ContractSubscriberMain <dir> <name> <topic> <key=value>...} (the broker's settings). Its effect
 * is one file per event in {@code <dir>/ledger}, created by the idempotent helper's store in the same
 * step that marks the event processed (the pattern docs/events.md recommends); an event found
 * already processed leaves a file in {@code <dir>/skipped}, an effect attempted twice one in {@code
 * <dir>/twice}.
 */
public final class ContractSubscriberMain {

    private ContractSubscriberMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String name = args[1];
        Map<String, String> settings = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EventBroker broker = ContractTelemetry.open(name, settings);
        broker.subscribe(
                SubscriptionOptions.builder(args[2], "ledger", ContractOrder.class)
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(40))
                        .build(),
                IdempotentHandler.of(event -> {}, new FileLedger(dir, name)));
        System.out.println("SUBSCRIBED " + name);
        Thread.currentThread().join();
    }

    /** Processed events as files: the mark is the effect. */
    private static final class FileLedger implements ProcessedEvents {
        private final Path ledger;
        private final Path skipped;
        private final Path twice;
        private final String name;

        FileLedger(Path dir, String name) throws IOException {
            this.ledger = Files.createDirectories(dir.resolve("ledger"));
            this.skipped = Files.createDirectories(dir.resolve("skipped"));
            this.twice = Files.createDirectories(dir.resolve("twice"));
            this.name = name;
        }

        @Override
        public boolean contains(String eventId) {
            boolean seen = Files.exists(ledger.resolve(eventId));
            if (seen) {
                touch(skipped.resolve(eventId + "-" + name));
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
}
