package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.BoundedProcessedEvents;
import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.IdempotentHandler;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.events.kafka.EventHeaders;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.protocol.serialization.HessianSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivery guarantees of one Courier broker against a real (embedded) Kafka, each test on topics of its own. */
@Timeout(90)
class EventDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static EmbeddedKafka kafka;
    private static KafkaEventBroker broker;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        broker = KafkaFixture.broker(kafka.bootstrapServers(), "shop");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static SubscriptionOptions.Builder<OrderPlaced> options(String topic, String group) {
        return SubscriptionOptions.builder(topic, group, OrderPlaced.class)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(40));
    }

    @Test
    void orderIsKeptPerKey_acrossAGroupOfThreeConsumers() throws Exception {
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        AtomicInteger delivered = new AtomicInteger();
        try (Subscription subscription = broker.subscribe(
                options("ordered", "ordered-group").concurrency(3).build(), event -> {
                    seen.computeIfAbsent(event.key(), k -> new CopyOnWriteArrayList<>())
                            .add(event.payload().sequence());
                    delivered.incrementAndGet();
                })) {
            EventPublisher<OrderPlaced> publisher = broker.publisher("ordered", OrderPlaced.class);
            for (int seq = 0; seq < 300; seq++) {
                for (int key = 0; key < 20; key++) {
                    publisher.publish("c" + key, new OrderPlaced("o", "c" + key, seq, 1));
                }
            }
            await().atMost(WAIT).until(() -> delivered.get() >= 6000);
        }
        assertThat(seen).hasSize(20);
        seen.forEach((key, sequences) ->
                assertThat(firstDeliveriesInOrder(sequences)).as("key %s", key).isTrue());
    }

    /** Whether the first delivery of each sequence number comes in order 0, 1, 2, ... (redeliveries aside). */
    static boolean firstDeliveriesInOrder(List<Long> sequences) {
        long next = 0;
        for (long sequence : sequences) {
            if (sequence == next) {
                next++;
            } else if (sequence > next) {
                return false;
            }
        }
        return true;
    }

    @Test
    void failingEvent_isRetriedThenDeadLettered_withTheReason_andThePartitionMovesOn() throws Exception {
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (Subscription subscription =
                broker.subscribe(options("payments", "billing").build(), event -> {
                    long seq = event.payload().sequence();
                    attempts.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
                    assertThat(event.attempt()).isEqualTo(attempts.get(seq).get());
                    if (seq == 3) {
                        throw new IllegalStateException("card declined for o-3");
                    }
                    if (seq == 5) {
                        throw new UnprocessableEventException("no such customer");
                    }
                    handled.add(seq);
                })) {
            EventPublisher<OrderPlaced> publisher = broker.publisher("payments", OrderPlaced.class);
            for (int seq = 0; seq < 10; seq++) {
                publisher
                        .publish("alice", new OrderPlaced("o-" + seq, "alice", seq, 1))
                        .get();
            }
            await().atMost(WAIT).until(() -> handled.size() == 8);
        }
        assertThat(handled).containsExactly(0L, 1L, 2L, 4L, 6L, 7L, 8L, 9L);
        assertThat(attempts.get(3L)).hasValue(3);
        assertThat(attempts.get(5L)).hasValue(1);
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaFixture.readAll(kafka.bootstrapServers(), "payments.dlt", 2, WAIT);
        assertThat(dead).hasSize(2);
        ConsumerRecord<byte[], byte[]> declined = dead.get(0);
        assertThat(EventHeaders.text(declined.headers(), EventHeaders.DLT_REASON))
                .isEqualTo("java.lang.IllegalStateException: card declined for o-3");
        assertThat(EventHeaders.text(declined.headers(), EventHeaders.DLT_ATTEMPTS))
                .isEqualTo("3");
        assertThat(EventHeaders.text(declined.headers(), EventHeaders.DLT_GROUP))
                .isEqualTo("billing");
        assertThat(EventHeaders.text(declined.headers(), EventHeaders.DLT_TOPIC))
                .isEqualTo("payments");
        assertThat(new String(declined.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
        assertThat(EventHeaders.text(dead.get(1).headers(), EventHeaders.DLT_REASON))
                .contains("no such customer");
        assertThat(EventHeaders.text(dead.get(1).headers(), EventHeaders.DLT_ATTEMPTS))
                .isEqualTo("1");
    }

    @Test
    void poisonEvents_goToTheDeadLetterTopic_whileThePartitionFlows_andNoClassIsLoaded() throws Exception {
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (KafkaProducer<byte[], byte[]> raw = KafkaFixture.rawProducer(kafka.bootstrapServers());
                Subscription subscription = broker.subscribe(
                        options("poison", "poison-group").build(),
                        event -> handled.add(event.payload().sequence()))) {
            EventPublisher<OrderPlaced> publisher = broker.publisher("poison", OrderPlaced.class);
            publisher.publish("bob", new OrderPlaced("o-0", "bob", 0, 1)).get();
            // undecodable bytes under a valid envelope
            raw.send(record(OrderPlaced.class.getName(), new byte[] {'C', (byte) 0xff, 0x13, 0x7f, 0x00}))
                    .get();
            // a gadget named by the envelope
            raw.send(record("org.apache.commons.collections.functors.InvokerTransformer", hessianTripwire()))
                    .get();
            // a class named inside the payload that the event type does not reach
            raw.send(record(OrderPlaced.class.getName(), hessianTripwire())).get();
            publisher.publish("bob", new OrderPlaced("o-1", "bob", 1, 1)).get();
            await().atMost(WAIT).until(() -> handled.size() == 2);
        }
        assertThat(handled).containsExactly(0L, 1L);
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaFixture.readAll(kafka.bootstrapServers(), "poison.dlt", 3, WAIT);
        assertThat(dead).hasSize(3);
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            reasons.add(EventHeaders.text(record.headers(), EventHeaders.DLT_REASON));
            assertThat(EventHeaders.text(record.headers(), EventHeaders.DLT_ATTEMPTS))
                    .isEqualTo("0");
        }
        assertThat(reasons.get(0)).startsWith("payload unreadable by hessian as " + OrderPlaced.class.getName());
        assertThat(reasons.get(1))
                .contains("org.apache.commons.collections.functors.InvokerTransformer")
                .contains("not allowed");
        assertThat(reasons.get(2))
                .contains(Tripwire.class.getPackageName() + ".Tripwire")
                .contains("not allowed");
        assertThat(System.getProperty("courier.test.tripwire")).isNull();
    }

    private static ProducerRecord<byte[], byte[]> record(String type, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(
                EventHeaders.TIME,
                ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array());
        headers.add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SERIALIZER, "hessian".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("poison", null, "bob".getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** Hessian bytes of an object of class {@code Tripwire}, made without loading that class. */
    private static byte[] hessianTripwire() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.ValueWriter writer = new HessianSerializer().writer(ByteSink.of(out));
        writer.write(new Decoy000(), Object.class);
        writer.flush();
        String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Decoy000");
        return text.replace("Decoy000", "Tripwire").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void idempotentHandler_hasEachEffectOnce_whenEventsAreReplayed() throws Exception {
        List<String> effects = new CopyOnWriteArrayList<>();
        AtomicInteger deliveries = new AtomicInteger();
        IdempotentHandler<OrderPlaced> handler = IdempotentHandler.of(
                event -> effects.add(event.id()), BoundedProcessedEvents.of(10_000, Duration.ofMinutes(10)));
        try (Subscription subscription =
                broker.subscribe(options("ledger", "ledger-group").build(), event -> {
                    deliveries.incrementAndGet();
                    handler.handle(event);
                })) {
            EventPublisher<OrderPlaced> publisher = broker.publisher("ledger", OrderPlaced.class);
            for (int seq = 0; seq < 30; seq++) {
                publisher
                        .publish("k" + seq % 5, new OrderPlaced("o-" + seq, "k", seq, 1))
                        .get();
            }
            await().atMost(WAIT).until(() -> effects.size() == 30);
            for (int partition = 0; partition < 6; partition++) {
                subscription.replayFromOffset(partition, 0);
            }
            await().atMost(WAIT).until(() -> deliveries.get() >= 60);
            subscription.replayFrom(java.time.Instant.EPOCH);
            await().atMost(WAIT).until(() -> deliveries.get() >= 90);
        }
        assertThat(effects).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void gracefulClose_finishesInFlight_commits_andLeaves_soTheNextMemberRedeliversNothing() throws Exception {
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> second = ConcurrentHashMap.newKeySet();
        EventPublisher<OrderPlaced> publisher = broker.publisher("drain", OrderPlaced.class);
        for (int seq = 0; seq < 200; seq++) {
            publisher.publish("k" + seq % 12, new OrderPlaced("o-" + seq, "k", seq, 1));
        }
        publisher.publish("k0", new OrderPlaced("last", "k", 200, 1)).get();
        Subscription slow = broker.subscribe(options("drain", "drain-group").build(), event -> {
            Thread.sleep(10);
            first.add(event.id());
        });
        await().atMost(WAIT).until(() -> first.size() >= 40);
        long started = System.nanoTime();
        assertThat(slow.close(Duration.ofSeconds(20))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        int handledBeforeClose = first.size();
        try (Subscription next =
                broker.subscribe(options("drain", "drain-group").build(), event -> {
                    second.add(event.id());
                })) {
            await().atMost(WAIT).until(() -> first.size() + second.size() >= 201);
        }
        assertThat(first).hasSize(handledBeforeClose);
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(first.size() + second.size()).isEqualTo(201);
    }

    @Test
    void pause_stopsDelivery_andResume_bringsTheRest() throws Exception {
        List<Long> handled = new CopyOnWriteArrayList<>();
        EventPublisher<OrderPlaced> publisher = broker.publisher("paused", OrderPlaced.class);
        try (Subscription subscription = broker.subscribe(
                options("paused", "paused-group").build(),
                event -> handled.add(event.payload().sequence()))) {
            publisher.publish("k", new OrderPlaced("o", "k", 0, 1)).get();
            await().atMost(WAIT).until(() -> handled.size() == 1);
            subscription.pause();
            assertThat(subscription.paused()).isTrue();
            for (int seq = 1; seq <= 5; seq++) {
                publisher.publish("k", new OrderPlaced("o", "k", seq, 1)).get();
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
            subscription.resume();
            await().atMost(WAIT).until(() -> handled.size() == 6);
        }
        assertThat(handled).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void meters_countPublishesOutcomesAndLag() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (KafkaEventBroker metered = KafkaEventBroker.builder(
                        KafkaFixture.settings(kafka.bootstrapServers(), "metered", Map.of()))
                .meterRegistry(meters)
                .build()) {
            Subscription subscription = metered.subscribe(
                    options("metered", "metered-group").maxAttempts(2).build(), event -> {
                        if (event.payload().sequence() == 1) {
                            throw new IllegalStateException("refused");
                        }
                        handled.add(event.payload().sequence());
                    });
            EventPublisher<OrderPlaced> publisher = metered.publisher("metered", OrderPlaced.class);
            for (int seq = 0; seq < 3; seq++) {
                publisher.publish("k", new OrderPlaced("o", "k", seq, 1)).get();
            }
            await().atMost(WAIT).until(() -> handled.size() == 2);
            await().atMost(WAIT)
                    .until(() -> meters.find("courier.events.lag").gauges().stream()
                                            .mapToDouble(gauge -> gauge.value())
                                            .sum()
                                    == 0
                            && !meters.find("courier.events.lag").gauges().isEmpty());
            subscription.close();
        }
        assertThat(meters.get("courier.events.published")
                        .tag("outcome", "acknowledged")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(meters.get("courier.events.publish.latency").timer().count()).isEqualTo(3);
        assertThat(outcome(meters, "handled")).isEqualTo(2);
        assertThat(outcome(meters, "retried")).isEqualTo(1);
        assertThat(outcome(meters, "dead-lettered")).isEqualTo(1);
        assertThat(meters.get("courier.events.handle.duration").timer().count()).isEqualTo(4);
    }

    private static double outcome(SimpleMeterRegistry meters, String outcome) {
        return meters.get("courier.events.handled")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void envelope_carriesIdTimeTypeSourceKey_andReceiptsMatch() throws Exception {
        Map<String, Event<OrderPlaced>> received = new HashMap<>();
        List<Event<OrderPlaced>> list = new CopyOnWriteArrayList<>();
        try (Subscription subscription =
                broker.subscribe(options("envelope", "envelope-group").build(), list::add)) {
            var receipt = broker.publisher("envelope", OrderPlaced.class)
                    .publish("carol", new OrderPlaced("o-9", "carol", 9, 990))
                    .get();
            await().atMost(WAIT).until(() -> list.size() == 1);
            list.forEach(event -> received.put(event.id(), event));
            Event<OrderPlaced> event = received.get(receipt.eventId());
            assertThat(event).isNotNull();
            // the publisher writes the id's text itself: it must be a random UUID's canonical form
            UUID id = UUID.fromString(event.id());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.toString()).isEqualTo(event.id());
            assertThat(event.time()).isEqualTo(receipt.time());
            assertThat(event.position()).isEqualTo(receipt.position());
            assertThat(event.source()).isEqualTo("shop");
            assertThat(event.key()).isEqualTo("carol");
            assertThat(event.payload().cents()).isEqualTo(990);
        }
    }
}
