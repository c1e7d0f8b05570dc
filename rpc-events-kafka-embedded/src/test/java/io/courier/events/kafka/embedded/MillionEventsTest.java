package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000,000 events from 4 publishers (each its own producer) consumed by a group of 3 subscribers
 * (each its own consumer): none lost, none out of order per key, every acknowledged publish present.
 */
@Timeout(300)
class MillionEventsTest {

    private static final Logger log = LoggerFactory.getLogger(MillionEventsTest.class);
    private static final int PUBLISHERS = 4;
    private static final int KEYS_PER_PUBLISHER = 250;
    private static final int EVENTS_PER_KEY = 1000;
    private static final int EVENTS_PER_PUBLISHER = KEYS_PER_PUBLISHER * EVENTS_PER_KEY;
    private static final int EVENTS = PUBLISHERS * EVENTS_PER_PUBLISHER;
    private static final int KEYS = PUBLISHERS * KEYS_PER_PUBLISHER;

    @Test
    void millionEvents_fourPublishers_groupOfThree_noneLost_noneOutOfOrderPerKey() throws Exception {
        Map<String, String> tuned =
                Map.of("courier.events.kafka.partitions", "12", "courier.events.kafka.max-poll-records", "5000");
        AtomicIntegerArray deliveries = new AtomicIntegerArray(EVENTS);
        AtomicIntegerArray nextPerKey = new AtomicIntegerArray(KEYS);
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger firstDeliveries = new AtomicInteger();
        boolean[][] acknowledged = new boolean[PUBLISHERS][EVENTS_PER_PUBLISHER];
        AtomicInteger failedPublishes = new AtomicInteger();
        List<KafkaEventBroker> brokers = new ArrayList<>();
        List<Subscription> subscribers = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            for (int s = 0; s < 3; s++) {
                KafkaEventBroker consumerSide =
                        KafkaEventBroker.create(KafkaFixture.settings(bootstrap, "inventory-" + s, tuned));
                brokers.add(consumerSide);
                subscribers.add(consumerSide.subscribe(
                        SubscriptionOptions.builder("million", "inventory", OrderPlaced.class)
                                .build(),
                        event -> {
                            OrderPlaced order = event.payload();
                            int key = (int) order.cents();
                            int index = key * EVENTS_PER_KEY + (int) order.sequence();
                            if (deliveries.getAndIncrement(index) == 0) {
                                firstDeliveries.incrementAndGet();
                                // the first delivery of each event of a key comes in publishing order
                                if (!nextPerKey.compareAndSet(
                                        key, (int) order.sequence(), (int) order.sequence() + 1)) {
                                    outOfOrder.incrementAndGet();
                                }
                            }
                        }));
            }
            long started = System.nanoTime();
            CountDownLatch published = new CountDownLatch(PUBLISHERS);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                KafkaEventBroker producerSide =
                        KafkaEventBroker.create(KafkaFixture.settings(bootstrap, "shop-" + p, tuned));
                brokers.add(producerSide);
                EventPublisher<OrderPlaced> publisher = producerSide.publisher("million", OrderPlaced.class);
                int publisherIndex = p;
                Thread thread = new Thread(
                        () -> publishAll(
                                publisher, publisherIndex, acknowledged[publisherIndex], failedPublishes, published),
                        "publisher-" + p);
                threads.add(thread);
                thread.start();
            }
            assertThat(published.await(240, TimeUnit.SECONDS)).isTrue();
            long publishedNanos = System.nanoTime() - started;
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> firstDeliveries.get() >= EVENTS - failedPublishes.get());
            long consumedNanos = System.nanoTime() - started;
            log.info(
                    "1,000,000 events: published and acknowledged in {} ms, all consumed after {} ms ({} events/s end to end)",
                    publishedNanos / 1_000_000,
                    consumedNanos / 1_000_000,
                    EVENTS * 1_000_000_000L / consumedNanos);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        } finally {
            subscribers.forEach(Subscription::close);
            brokers.forEach(KafkaEventBroker::close);
        }
        assertThat(failedPublishes).hasValue(0);
        int lostAcknowledged = 0;
        for (int p = 0; p < PUBLISHERS; p++) {
            for (int i = 0; i < EVENTS_PER_PUBLISHER; i++) {
                if (acknowledged[p][i] && deliveries.get(p * EVENTS_PER_PUBLISHER + i) == 0) {
                    lostAcknowledged++;
                }
            }
        }
        assertThat(lostAcknowledged)
                .as("acknowledged publishes never delivered")
                .isZero();
        assertThat(firstDeliveries).hasValue(EVENTS);
        assertThat(outOfOrder).as("events delivered out of order per key").hasValue(0);
    }

    /** Publishes the events of one publisher's keys, each key's in sequence, and records each acknowledgement. */
    private static void publishAll(
            EventPublisher<OrderPlaced> publisher,
            int p,
            boolean[] acknowledged,
            AtomicInteger failed,
            CountDownLatch done) {
        AtomicInteger pending = new AtomicInteger(EVENTS_PER_PUBLISHER);
        for (int seq = 0; seq < EVENTS_PER_KEY; seq++) {
            for (int k = 0; k < KEYS_PER_PUBLISHER; k++) {
                int key = p * KEYS_PER_PUBLISHER + k;
                int local = k * EVENTS_PER_KEY + seq;
                publisher
                        .publish("key-" + key, new OrderPlaced("", "", seq, key))
                        .whenComplete((receipt, failure) -> {
                            // callbacks of one producer run on its one I/O thread
                            if (failure == null) {
                                acknowledged[local] = true;
                            } else {
                                failed.incrementAndGet();
                            }
                            if (pending.decrementAndGet() == 0) {
                                done.countDown();
                            }
                        });
            }
        }
    }
}
