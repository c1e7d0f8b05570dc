package io.courier.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A subscriber whose handler is stuck while far more events are published than it may hold: what
 * it holds in memory ({@link Subscription#buffered()}) never exceeds the broker's bound, the rest
 * waits in the broker, and every event is handled once the handler moves again. Shipped in rpc-api's
 * test-jar, like {@link EventBrokerContract}.
 */
@Timeout(120)
public abstract class SlowSubscriberContract {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    /** The broker server under test and how to reach it. */
    protected abstract EventBrokerHarness harness();

    /**
     * The most events one member of a subscription may hold in memory with {@link
     * EventBrokerHarness#settings()}: {@code max-poll-records} on Kafka, the partitions on NATS
     * JetStream (one unacknowledged event each), the prefetch on RabbitMQ.
     */
    protected abstract int bound();

    @Test
    void stuckHandler_holdsNoMoreThanTheBound_andEveryEventFollowsWhenItMoves() throws Exception {
        String topic = "slow-" + TOPICS.incrementAndGet() + "-" + Long.toString(System.currentTimeMillis(), 36);
        int events = Math.max(200, 10 * bound());
        CountDownLatch gate = new CountDownLatch(1);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger most = new AtomicInteger();
        AtomicReference<Subscription> held = new AtomicReference<>();
        try (EventBroker broker = ContractTelemetry.open("slow", harness().settings())) {
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder(topic, "slow", ContractOrder.class)
                            .build(),
                    event -> {
                        most.accumulateAndGet(held.get().buffered(), Math::max);
                        // the slow work: nothing moves until the test opens the gate (bounded wait)
                        assertThat(gate.await(60, TimeUnit.SECONDS)).isTrue();
                        handled.add(event.id());
                    });
            held.set(subscription);
            EventPublisher<ContractOrder> publisher = broker.publisher(topic, ContractOrder.class);
            Set<String> published = EventBrokerContract.receiptIds(EventBrokerContract.publish(publisher, events, 24));
            await().atMost(EventBrokerContract.WAIT).until(() -> subscription.buffered() >= 1);
            // two seconds with the handler stuck and every event acknowledged by the broker: the
            // subscriber fetches up to its bound and no further
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        most.accumulateAndGet(subscription.buffered(), Math::max);
                        return subscription.buffered() <= bound();
                    });
            gate.countDown();
            await().atMost(EventBrokerContract.WAIT).until(() -> handled.containsAll(published));
            System.out.printf(
                    "%s slow subscriber: published %d, held at most %d in memory (bound %d), handled %d%n",
                    harness().name(), events, most.get(), bound(), handled.size());
            assertThat(most.get()).isBetween(1, bound());
            assertThat(handled).isEqualTo(published);
        }
    }
}
