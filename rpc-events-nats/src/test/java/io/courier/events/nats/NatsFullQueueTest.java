package io.courier.events.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishing on while the server is down, past what the NATS client keeps while disconnected: no
 * publish blocks its caller, every future completes (acknowledged once the server is back, or failed
 * at once, saying the reconnect buffer is full), and the client reconnects. With the client's defaults,
 * the outgoing queue (5,000 messages) filled first; a publish then blocked while holding the lock the
 * client's reconnect needs, and a steady publisher kept the client disconnected for good.
 */
@Timeout(120)
class NatsFullQueueTest {

    private static final int PUBLISHES = 7_000;

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Test
    void publishingPastTheClientsQueueWhileTheServerIsDown_neverBlocks_andTheClientReconnects() throws Exception {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", nats.settings()))) {
            EventPublisher<String> publisher = broker.publisher("full.queue", String.class);
            publisher.publish("k", "before").get(10, TimeUnit.SECONDS);

            nats.kill();
            List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>(PUBLISHES);
            long started = System.nanoTime();
            for (int i = 0; i < PUBLISHES; i++) {
                futures.add(publisher.publish("k" + i % 8, "while down " + i));
            }
            long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            nats.restart();

            // each publish blocked for the connection timeout (2 s) once the queue was full: 4,000 s
            assertThat(publishMillis)
                    .as("ms to publish %d events with the server down", PUBLISHES)
                    .isLessThan(10_000);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> publisher.publish("k", "after").get(5, TimeUnit.SECONDS) != null);
            await().atMost(Duration.ofSeconds(60)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
            long failed = futures.stream()
                    .filter(CompletableFuture::isCompletedExceptionally)
                    .count();
            System.out.printf(
                    "%d publishes with the server down took %d ms; %d acknowledged after it was back, %d failed%n",
                    PUBLISHES, publishMillis, PUBLISHES - failed, failed);
            assertThat(failed).as("publishes past the reconnect buffer, failed").isPositive();
            assertThat(futures)
                    .filteredOn(CompletableFuture::isCompletedExceptionally)
                    .extracting(future -> future.handle((receipt, failure) -> failure.getMessage())
                            .join())
                    .anySatisfy(message ->
                            assertThat(message).contains("max buffer is " + NatsEventBroker.RECONNECT_BUFFER_BYTES));
        }
    }
}
